using System.CommandLine;
using Fulmen.Server.Cli;

// `--payload @event.json` names a file to read, so System.CommandLine's own @response-file expansion is off.
var parsing = new ParserConfiguration { ResponseFileTokenReplacer = null };
// The server's host handles SIGINT/SIGTERM itself so that it can stop every environment before exiting.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await FulmenCommandLine.Build().Parse(args, parsing).InvokeAsync(invocation);
