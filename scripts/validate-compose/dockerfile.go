package main

// `validate-compose dockerfile FILE`: the checks of `docker build --check`, without a Docker
// engine. BuildKit's own Dockerfile frontend parses the file, resolves the stages, ARGs and
// COPY --from references and runs its lint rules (UndefinedVar, JSONArgsRecommended,
// StageNameCasing, ...). Base images are not pulled: an offline resolver answers every image
// lookup with an empty config and records the reference, so nothing leaves this machine.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver stands in for a registry: every base image gets a minimal Linux config.
type offlineResolver struct {
	mu   sync.Mutex
	refs map[string]struct{}
}

func (r *offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	r.mu.Lock()
	r.refs[ref] = struct{}{}
	r.mu.Unlock()
	config, err := json.Marshal(map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"config":       map[string]any{"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{}},
	})
	if err != nil {
		return "", "", nil, err
	}
	return ref, digest.FromBytes(config), config, nil
}

func runDockerfile(args []string) {
	fs := flag.NewFlagSet("dockerfile", flag.ExitOnError)
	var buildArgs listFlag
	fs.Var(&buildArgs, "build-arg", "NAME=VALUE (repeatable)")
	_ = fs.Parse(args)
	if fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: validate-compose dockerfile [-build-arg NAME=VALUE]... FILE")
		os.Exit(2)
	}
	path := fs.Arg(0)
	dt, err := os.ReadFile(path)
	if err != nil {
		fail(path, err.Error())
	}

	resolver := &offlineResolver{refs: map[string]struct{}{}}
	opt := dockerfile2llb.ConvertOpt{MetaResolver: resolver}
	opt.BuildArgs = map[string]string{}
	for _, a := range buildArgs {
		name, value, ok := strings.Cut(a, "=")
		if !ok {
			fail(path, fmt.Sprintf("-build-arg %q: expected NAME=VALUE", a))
		}
		opt.BuildArgs[name] = value
	}
	sourceMap := llb.NewSourceMap(nil, path, "Dockerfile", dt)
	// The lint report embeds the source's build definition; an empty one is enough here.
	sourceMap.Definition = &llb.Definition{}
	opt.SourceMap = sourceMap

	results, err := dockerfile2llb.DockerfileLint(context.Background(), dt, opt)
	if err != nil {
		fail(path, err.Error())
	}
	var problems []string
	if results.Error != nil {
		problems = append(problems, "error: "+results.Error.Message)
	}
	for _, w := range results.Warnings {
		line := ""
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = fmt.Sprintf(" (line %d)", w.Location.Ranges[0].Start.Line)
		}
		problems = append(problems, fmt.Sprintf("%s%s: %s", w.RuleName, line, w.Detail))
	}
	if len(problems) > 0 {
		fail(path, strings.Join(problems, "\n     "))
	}

	var refs []string
	for ref := range resolver.refs {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	fmt.Printf("ok   %s: BuildKit Dockerfile frontend, lint rules clean\n", path)
	fmt.Printf("     base images (not pulled): %s\n", strings.Join(refs, ", "))
}
