// Command validate-compose loads a Compose project the way `docker compose config` does, with
// the official Compose Specification loader (github.com/compose-spec/compose-go/v2): it reads
// the env file(s), interpolates ${VARIABLES}, merges override files, validates the result
// against the Compose JSON schema, normalises it and checks its consistency (depends_on
// targets, named volumes, secrets). CI has no Docker engine, so this is how
// docker-compose.yml is checked there (scripts/validate-compose.sh).
//
// On top of the loader it fails on what `docker compose` only warns about (an unset variable
// silently becoming an empty string, obsolete keys), and checks that every bind-mount source
// and build context the project names exists in the checkout. The `dockerfile` subcommand
// checks a Dockerfile the way `docker build --check` does (dockerfile.go).
//
//	validate-compose -f docker-compose.yml [-f override.yml] [-env-file .env.example]
//	                 [-set NAME=VALUE]... [-expect-error TEXT] [-print]
//	validate-compose dockerfile [-build-arg NAME=VALUE]... Dockerfile
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// warningHook collects the loader's warnings (logged through logrus) so they can fail the run.
type warningHook struct{ messages []string }

func (h *warningHook) Levels() []logrus.Level {
	return []logrus.Level{logrus.WarnLevel, logrus.ErrorLevel}
}

func (h *warningHook) Fire(entry *logrus.Entry) error {
	h.messages = append(h.messages, entry.Message)
	return nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "dockerfile" {
		runDockerfile(os.Args[2:])
		return
	}
	runCompose()
}

func runCompose() {
	var files, envFiles, sets listFlag
	projectDir := flag.String("project-dir", ".", "project directory (relative paths resolve against it)")
	expectError := flag.String("expect-error", "", "succeed only if loading fails with an error containing this text")
	printModel := flag.Bool("print", false, "print the resolved model (like `docker compose config`)")
	flag.Var(&files, "f", "compose file (repeatable; later files override earlier ones)")
	flag.Var(&envFiles, "env-file", "env file for interpolation (repeatable)")
	flag.Var(&sets, "set", "NAME=VALUE added to the interpolation environment (repeatable; wins over env files)")
	flag.Parse()
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "validate-compose: at least one -f FILE is required")
		os.Exit(2)
	}

	hook := &warningHook{}
	logrus.SetOutput(os.Stderr)
	logrus.AddHook(hook)

	label := strings.Join(files, " + ")
	if len(envFiles) > 0 {
		label += " with " + strings.Join(envFiles, ", ")
	}
	for _, s := range sets {
		name, _, _ := strings.Cut(s, "=")
		label += " and " + name
	}

	project, err := load(*projectDir, files, envFiles, sets)
	if *expectError != "" {
		switch {
		case err == nil:
			fail(label, fmt.Sprintf("expected an error containing %q, but the project loaded", *expectError))
		case !strings.Contains(err.Error(), *expectError):
			fail(label, fmt.Sprintf("expected an error containing %q, got: %v", *expectError, err))
		}
		fmt.Printf("ok   %s: rejected as expected (%s)\n", label, firstLine(err.Error()))
		return
	}
	if err != nil {
		fail(label, err.Error())
	}

	var problems []string
	for _, w := range hook.messages {
		problems = append(problems, "warning treated as an error: "+w)
	}
	problems = append(problems, checkPaths(project)...)
	if len(problems) > 0 {
		fail(label, strings.Join(problems, "\n     "))
	}

	fmt.Printf("ok   %s\n", label)
	fmt.Print(summary(project))
	if *printModel {
		out, err := project.MarshalYAML()
		if err != nil {
			fail(label, err.Error())
		}
		fmt.Println(string(out))
	}
}

func load(projectDir string, files, envFiles, sets []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions(files,
		cli.WithWorkingDirectory(projectDir),
		// Deterministic: only the env files and -set values, never this machine's environment.
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		return nil, err
	}
	for _, s := range sets {
		name, value, ok := strings.Cut(s, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("-set %q: expected NAME=VALUE", s)
		}
		options.Environment[name] = value
	}
	return options.LoadProject(context.Background())
}

// checkPaths reports bind-mount sources and build contexts that do not exist. Secret files are
// provided by the operator (docker/secrets is git-ignored), so they are listed, not required.
func checkPaths(project *types.Project) []string {
	var problems []string
	for _, name := range project.ServiceNames() {
		service := project.Services[name]
		for _, v := range service.Volumes {
			if v.Type != types.VolumeTypeBind {
				continue
			}
			if _, err := os.Stat(v.Source); err != nil {
				problems = append(problems, fmt.Sprintf("service %s: bind mount source %s: %v", name, v.Source, errors.Unwrap(err)))
			}
		}
		if service.Build != nil {
			dockerfile := service.Build.Dockerfile
			if !filepath.IsAbs(dockerfile) {
				dockerfile = filepath.Join(service.Build.Context, dockerfile)
			}
			if _, err := os.Stat(dockerfile); err != nil {
				problems = append(problems, fmt.Sprintf("service %s: Dockerfile %s: %v", name, dockerfile, errors.Unwrap(err)))
			}
		}
	}
	return problems
}

func summary(project *types.Project) string {
	var b strings.Builder
	names := project.ServiceNames()
	sort.Strings(names)
	fmt.Fprintf(&b, "     project %q: %d services\n", project.Name, len(names))
	for _, name := range names {
		s := project.Services[name]
		what := s.Image
		if s.Build != nil {
			what = fmt.Sprintf("build %s (%s)", relative(project.WorkingDir, s.Build.Context), what)
		}
		var deps []string
		for dep, d := range s.DependsOn {
			deps = append(deps, dep+":"+d.Condition)
		}
		sort.Strings(deps)
		line := fmt.Sprintf("     - %-16s %s", name, what)
		if len(deps) > 0 {
			line += "  after " + strings.Join(deps, ", ")
		}
		if len(s.Environment) > 0 {
			line += fmt.Sprintf("  env %d", len(s.Environment))
		}
		b.WriteString(line + "\n")
	}
	var secrets []string
	for name, s := range project.Secrets {
		secrets = append(secrets, fmt.Sprintf("%s=%s", name, relative(project.WorkingDir, s.File)))
	}
	sort.Strings(secrets)
	if len(secrets) > 0 {
		fmt.Fprintf(&b, "     secrets (operator-provided files, not checked): %s\n", strings.Join(secrets, ", "))
	}
	return b.String()
}

func relative(base, path string) string {
	if rel, err := filepath.Rel(base, path); err == nil {
		return rel
	}
	return path
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func fail(label, message string) {
	fmt.Fprintf(os.Stderr, "FAIL %s:\n     %s\n", label, message)
	os.Exit(1)
}
