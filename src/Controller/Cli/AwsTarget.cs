using Reconciler.Controller.Sandbox;

namespace Reconciler.Controller.Cli;

/// <summary>
/// Where a command talks to when it starts no sandbox of its own. Every command that reaches
/// AWS (plan, apply, run, status) decides it here, so a sandbox left running by
/// <c>sandbox up</c> is found by all of them alike.
/// </summary>
internal static class AwsTarget
{
    /// <summary>
    /// The settings the caller gave (tests), else the sandbox recorded by <c>sandbox up</c> when its
    /// process still runs, else the standard AWS settings for <paramref name="region"/>.
    /// </summary>
    /// <param name="cli">The command's environment; its AWS settings, when given, win.</param>
    /// <param name="region">The stack's region.</param>
    /// <param name="notices">Told which sandbox is used, so nobody wonders why real AWS is not touched.</param>
    public static AwsEnvironment Resolve(CliEnvironment cli, string region, TextWriter notices)
    {
        if (cli.Aws is { } given)
        {
            return given with { Region = region };
        }

        if (new SandboxRegistry().TryGetRunning() is { } running)
        {
            notices.WriteLine($"Sandbox: using the one left running by 'reconciler sandbox up' at {running.Endpoint}.");
            return running.ToAwsEnvironment(region);
        }

        return AwsEnvironment.ForStack(region);
    }
}
