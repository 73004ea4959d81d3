using System.CommandLine;
using Fulmen.Server.Cli;

// The server's host handles SIGINT/SIGTERM itself so that it can stop every environment before exiting.
return await FulmenCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
