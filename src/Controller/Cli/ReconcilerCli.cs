using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Cli;

/// <summary>The command line: finds the command and runs it. Exit codes are in <see cref="ExitCodes"/>.</summary>
internal static class ReconcilerCli
{
    public const string Usage = $"""
        Usage:
          {ValidateCommand.Usage}
          {PlanCommand.Usage}
          {ApplyCommand.Usage}
          {RunCommand.Usage}
          {StatusCommand.Usage}
          {SandboxCommand.Usage}
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var (output, errors) = (environment.Output, environment.Errors);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? ExitCodes.Error : ExitCodes.Success;
        }

        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("System", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(new TextWriterLoggerProvider(errors)));
        var logger = loggers.CreateLogger("reconciler");
        try
        {
            var rest = args.Skip(1).ToList();
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(CliArguments.Parse(rest, [], []), output, errors),
                "plan" => await PlanCommand.RunAsync(CliArguments.Parse(rest, PlanCommand.Switches, []), environment, logger, cancellationToken),
                "apply" => await ApplyCommand.RunAsync(CliArguments.Parse(rest, ApplyCommand.Switches, ApplyCommand.Options), environment, logger, cancellationToken),
                "run" => await RunCommand.RunAsync(CliArguments.Parse(rest, RunCommand.Switches, RunCommand.Options), environment, cancellationToken),
                "status" => await StatusCommand.RunAsync(CliArguments.Parse(rest, StatusCommand.Switches, StatusCommand.Options), environment, cancellationToken),
                "sandbox" => await SandboxCommand.RunAsync(CliArguments.Parse(rest, [], SandboxCommand.Options), output, cancellationToken),
                _ => throw new CliUsageException($"Unknown command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (Exception e) when (e is CliUsageException or Sources.SourceException or AwsConfigurationException)
        {
            errors.WriteLine($"error: {e.Message}");
            return ExitCodes.Error;
        }
        catch (Amazon.Runtime.AmazonClientException e)
        {
            // The daemon builds its clients at start-up; without credentials that is where it stops.
            errors.WriteLine($"error: {AwsErrorText.OneLine(e)}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.WriteLine("Cancelled.");
            return ExitCodes.Error;
        }
    }
}
