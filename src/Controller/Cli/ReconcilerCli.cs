using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Logging;

namespace Reconciler.Controller.Cli;

/// <summary>
/// The command line, on System.CommandLine: every command with its own <c>--help</c>, options
/// parsed and checked before anything starts. A usage error is one line naming the mistake and
/// where the command's help is, with exit code <see cref="ExitCodes.UsageError"/>. Exit codes are
/// in <see cref="ExitCodes"/>.
/// </summary>
internal static class ReconcilerCli
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var (output, errors) = (environment.Output, environment.Errors);
        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("System", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(new TextWriterLoggerProvider(errors)));
        var root = CreateRoot(environment, loggers.CreateLogger("reconciler"));
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            // Program.cs turns Ctrl-C into the token given here; exceptions are handled below.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };

        // No command at all: the overview, as a usage error. "help COMMAND" is "COMMAND --help".
        if (args.Count == 0)
        {
            await root.Parse(["--help"], Parsing()).InvokeAsync(invocation, cancellationToken);
            return ExitCodes.UsageError;
        }

        var parsed = root.Parse(args[0] == "help" ? [.. args.Skip(1), "--help"] : args, Parsing());
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            errors.WriteLine(UsageError(parsed));
            return ExitCodes.UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception e) when (e is CliUsageException or Sources.SourceException or AwsConfigurationException or Sandbox.MotoServerException)
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

    /// <summary>The command tree; tests walk it to check every option is described.</summary>
    internal static RootCommand CreateRoot(CliEnvironment environment, ILogger logger) =>
        new("Reconciler keeps AWS equal to desired-state YAML documents: it validates them, plans the diff against live AWS, "
            + "applies it, and as a controller (run) keeps converging and alerts on drift.")
        {
            ValidateCommand.Create(environment),
            CostCommand.Create(environment),
            PlanCommand.Create(environment, logger),
            ApplyCommand.Create(environment, logger),
            BootstrapCommand.Create(environment, logger),
            IamPolicyCommand.Create(environment),
            RunCommand.Create(environment),
            StatusCommand.Create(environment),
            RolloutCommand.Create(environment),
            SandboxCommand.Create(environment),
        };

    // "@file" stays a path: a folder or repository name is never a response file here.
    private static ParserConfiguration Parsing() => new() { ResponseFileTokenReplacer = null };

    // One line: what was wrong, in the words of this tool, and where the command's help is.
    private static string UsageError(ParseResult parsed)
    {
        var path = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult command; result = command.Parent)
        {
            path.Insert(0, command.Command is RootCommand ? "reconciler" : command.Command.Name);
        }

        var help = $"See '{string.Join(' ', path)} --help'.";
        var current = parsed.CommandResult.Command;
        if (current.Subcommands.Count > 0)
        {
            // A group (reconciler, sandbox) without one of its commands, or with a misspelled one.
            var names = string.Join(", ", current.Subcommands.Select(c => c.Name));
            return parsed.UnmatchedTokens.Count > 0
                ? $"error: Unknown command '{parsed.UnmatchedTokens[0]}'; the commands are {names}. {help}"
                : $"error: Missing command; the commands are {names}. {help}";
        }

        var problems = parsed.Errors.Select(Describe).Distinct();
        return $"error: {string.Join(" ", problems)} {help}";
    }

    private static string Describe(ParseError error) => error.SymbolResult switch
    {
        OptionResult { Tokens.Count: 0 } option => $"{option.Option.Name} needs a value.",
        ArgumentResult { Tokens.Count: 0, Parent: OptionResult option } => $"{option.Option.Name} needs a value.",
        ArgumentResult { Tokens.Count: 0 } argument => $"Missing {argument.Argument.Name}.",
        CommandResult command when command.Command.Arguments.FirstOrDefault(a => command.GetResult(a) is null or { Tokens.Count: 0 }) is { } missing
            && error.Message.StartsWith("Required argument missing", StringComparison.Ordinal) => $"Missing {missing.Name}.",
        _ => string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim())),
    };
}
