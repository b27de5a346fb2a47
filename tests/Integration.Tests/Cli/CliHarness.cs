using System.Diagnostics;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Cli;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>Runs the command line in process against the emulator, or as a real process when it must die.</summary>
internal sealed class CliHarness(AwsEnvironment aws)
{
    public AwsRequestLog RequestLog { get; private set; } = new();

    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(15);

    /// <summary>Runs one command in process with a fresh request log.</summary>
    public Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs one command in process with a fresh request log, injecting <paramref name="faults"/> into its AWS requests.</summary>
    public async Task<CliRun> RunAsync(AwsFaultOptions? faults, params string[] args)
    {
        RequestLog = new AwsRequestLog();
        var output = new StringWriter();
        var errors = new StringWriter();
        var environment = new CliEnvironment { Output = output, Errors = errors, Aws = aws, RequestLog = RequestLog, Faults = faults };
        // A guard against a hung command, not a speed target: the dev stack applied through injected
        // throttling takes minutes on a loaded 2-core machine, and the guard must stay above that.
        using var timeout = new CancellationTokenSource(HangGuard);
        var exit = await ReconcilerCli.RunAsync(args, environment, timeout.Token);
        return new CliRun(exit, output.ToString(), errors.ToString());
    }

    /// <summary>Runs the reconciler executable as its own process with extra environment variables.</summary>
    public static async Task<CliRun> RunProcessAsync(Uri endpoint, IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reconciler.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = "us-east-1";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(HangGuard);
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await errors);
    }
}
