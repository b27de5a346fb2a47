namespace Reconciler.Integration.Tests.Cli;

/// <summary>What one run of the command line printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}
