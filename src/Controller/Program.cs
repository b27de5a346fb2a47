using Reconciler.Controller.Cli;

// The one executable. Commands live in Cli/; this only wires Ctrl-C to cancellation.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops at the next safe point; a second one ends the process as usual.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await ReconcilerCli.RunAsync(args, new CliEnvironment(), cancellation.Token);
