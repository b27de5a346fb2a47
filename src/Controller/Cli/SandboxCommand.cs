using System.CommandLine;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler sandbox up|down</c>: keeps one moto_server running across commands for people
/// trying the tool; plan, apply, run and status find it through the file it writes.
/// </summary>
internal static class SandboxCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var account = CliSymbols.Text("account", "ID", "The 12-digit AWS account id moto reports (default 123456789012); use the Stack document's accountId.");
        var up = new Command(
            "up",
            $"Starts moto_server on a free 127.0.0.1 port and leaves it running; its endpoint is written to .reconciler/sandbox.json "
            + $"(or ${SandboxRegistry.StateFileVariable}), where plan, apply, run and status find it. Does nothing when one is already running.")
        {
            account,
        };
        up.SetAction(async (parsed, cancellationToken) =>
        {
            SandboxInfo running;
            try
            {
                running = await new SandboxRegistry().UpAsync(parsed.GetValue(account) ?? "123456789012", cancellationToken);
            }
            catch (Exception e) when (e is MotoServerException or InvalidOperationException or ArgumentException)
            {
                // moto missing, a sandbox of another account already up, or a malformed account id.
                environment.Errors.WriteLine($"error: {e.Message}");
                return ExitCodes.Error;
            }

            environment.Output.WriteLine($"Sandbox running at {running.Endpoint} (account {running.AccountId}, pid {running.ProcessId}). Stop it with 'reconciler sandbox down'.");
            return ExitCodes.Success;
        });

        var down = new Command("down", "Stops the sandbox started by 'sandbox up' and removes its state file.");
        down.SetAction(async (_, cancellationToken) =>
        {
            environment.Output.WriteLine(await new SandboxRegistry().DownAsync(cancellationToken) ? "Sandbox stopped." : "No sandbox was running.");
            return ExitCodes.Success;
        });

        return new Command("sandbox", "Keeps a local AWS emulator (moto_server) running across commands, for trying Reconciler without an AWS account.")
        {
            up, down,
        };
    }
}
