/** Entry point of `npm run temporal:install`. */
import { main } from './temporal-cli';

main();
