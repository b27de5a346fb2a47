using System.CommandLine;

namespace Reconciler.Controller.Cli;

/// <summary>
/// The folder and options of <c>apply</c>, made once per command so <c>bootstrap</c>, which ends
/// in an apply, takes exactly the same ones with the same help text.
/// </summary>
internal sealed class ApplySymbols
{
    private readonly Argument<string> _folder = CliSymbols.Folder();
    private readonly Option<bool> _sandbox = StackCommand.SandboxOption();
    private readonly Option<bool> _allowMassDelete = CliSymbols.Switch(
        "allow-mass-delete",
        "Apply a plan that deletes more than the stack's maxDeletePercent of its resources (the mass-delete guard refuses otherwise).");

    private readonly Option<bool> _allowOtherAccount = StackCommand.AllowOtherAccountOption();
    private readonly Option<int?> _parallelism = CliSymbols.Number(
        "parallelism", "N", 1, 64, "How many resources of one level of the dependency graph are changed at once, 1 to 64 (default 4).");

    private readonly Option<TimeSpan?> _deadline = CliSymbols.Duration(
        "deadline",
        "How long the whole apply may take, throttled retries included, e.g. 30m (default 30m). When it passes, the apply stops, "
        + "keeps what succeeded recorded, and exits 1.");

    /// <summary>Adds the folder argument and every option to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Add(_folder);
        command.Add(_sandbox);
        command.Add(_allowMassDelete);
        command.Add(_allowOtherAccount);
        command.Add(_parallelism);
        command.Add(_deadline);
        return command;
    }

    /// <summary>What the command line asked for.</summary>
    public StackCommandOptions Read(ParseResult parsed) => new()
    {
        Directory = parsed.GetRequiredValue(_folder),
        Sandbox = parsed.GetValue(_sandbox),
        AllowMassDelete = parsed.GetValue(_allowMassDelete),
        AllowOtherAccount = parsed.GetValue(_allowOtherAccount),
        Parallelism = parsed.GetValue(_parallelism) ?? 4,
    };

    /// <summary>The --deadline given, or <see cref="ApplyCommand.DefaultDeadline"/>.</summary>
    public TimeSpan Deadline(ParseResult parsed) => parsed.GetValue(_deadline) ?? ApplyCommand.DefaultDeadline;
}
