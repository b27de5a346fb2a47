using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler bootstrap DIR</c>: what must exist before the controller can deploy itself: the
/// state table (its lease and records live there), then a first apply of DIR, which may describe
/// the controller's own ECS service. Safe to repeat: a second run finds the table and applies
/// nothing that is already in place.
/// </summary>
internal static class BootstrapCommand
{
    public static Command Create(CliEnvironment environment, ILogger logger)
    {
        var symbols = new ApplySymbols();
        var command = symbols.AddTo(new Command(
            "bootstrap",
            "Prepares an account for the controller: creates the DynamoDB state table (RECONCILER_STATE_TABLE, default reconciler-state) "
            + "when it is missing, then applies DIR as 'apply' does, e.g. the documents of the controller's own ECS service. "
            + "Prints whether the table was created or already there, then the apply's plan and outputs. Repeating it is harmless. "
            + "Exits 0 on success, 1 on error."));
        command.SetAction((parsed, cancellationToken) =>
        {
            var options = symbols.Read(parsed);
            return ApplyCommand.WithinDeadlineAsync(
                symbols.Deadline(parsed),
                environment,
                token => StackCommand.RunAsync(options, environment, logger, async (desired, session, overrides) =>
                {
                    // Asked first, so the output can say which of the two it was; EnsureTableAsync
                    // tolerates another replica or bootstrap creating it in between.
                    var existed = await session.State.TableExistsAsync(token);
                    try
                    {
                        await session.State.EnsureTableAsync(token);
                    }
                    catch (TimeoutException slow)
                    {
                        // Created but never active: say so in one line, not a stack trace.
                        environment.Errors.WriteLine($"error: {slow.Message} Check the table in the DynamoDB console, then run bootstrap again.");
                        return ExitCodes.Error;
                    }
                    environment.Output.WriteLine(existed
                        ? $"State table {session.State.TableName}: already there."
                        : $"State table {session.State.TableName}: created.");
                    environment.Output.WriteLine();
                    return await ApplyCommand.ApplyAsync(desired, session, overrides, options, environment, token);
                }, token),
                cancellationToken);
        });
        return command;
    }
}
