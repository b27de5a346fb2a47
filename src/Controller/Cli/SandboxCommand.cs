using Reconciler.Controller.Sandbox;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler sandbox up|down</c>: keeps one moto_server running across commands for people
/// trying the tool; plan and apply find it through the file it writes.
/// </summary>
internal static class SandboxCommand
{
    public const string Usage = "reconciler sandbox up [--account ID] | reconciler sandbox down";

    public static readonly string[] Options = ["account"];

    public static async Task<int> RunAsync(CliArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        switch (args.Single("sandbox action (up or down)"))
        {
            case "up":
                var account = args.Value("account") ?? "123456789012";
                var running = await new SandboxRegistry().UpAsync(account, cancellationToken);
                output.WriteLine($"Sandbox running at {running.Endpoint} (account {running.AccountId}, pid {running.ProcessId}). Stop it with 'reconciler sandbox down'.");
                return ExitCodes.Success;
            case "down":
                output.WriteLine(await new SandboxRegistry().DownAsync(cancellationToken) ? "Sandbox stopped." : "No sandbox was running.");
                return ExitCodes.Success;
            default:
                throw new CliUsageException($"Unknown sandbox action '{args.Positional[0]}'. Usage: {Usage}");
        }
    }
}
