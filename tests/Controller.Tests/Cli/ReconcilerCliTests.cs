using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Controller.Cli;

namespace Reconciler.Controller.Tests.Cli;

/// <summary>The command line as a person types it: help for each command, and usage errors as one line with exit code 1.</summary>
public sealed class ReconcilerCliTests
{
    // Every command and subcommand of the tree, so a new command is covered without a list to edit.
    public static TheoryData<string> Commands() => [.. Paths(Root(), "")];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OfEachCommand_DescribesItAndEveryOption(string command)
    {
        var run = await RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Success, run.Exit);
        // The usage line starts with the executable's name: reconciler, or the test host here.
        Assert.Contains($" {command} ", run.Output, StringComparison.Ordinal);
        var symbol = command.Split(' ').Aggregate((Command)Root(), (parent, name) => parent.Subcommands.Single(c => c.Name == name));
        Assert.False(string.IsNullOrWhiteSpace(symbol.Description));
        foreach (var option in symbol.Options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command} {option.Name} has no description");
            Assert.Contains(option.Name, run.Output, StringComparison.Ordinal);
        }

        foreach (var argument in symbol.Arguments)
        {
            Assert.False(string.IsNullOrWhiteSpace(argument.Description), $"{command} {argument.Name} has no description");
        }
    }

    [Fact]
    public async Task Help_Word_IsTheSameAsTheHelpOption()
    {
        var word = await RunAsync(["help", "run"]);
        var option = await RunAsync(["run", "--help"]);

        Assert.Equal(ExitCodes.Success, word.Exit);
        Assert.Equal(option.Output, word.Output);
        Assert.Contains("--lease-duration <DURATION>", word.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_PrintsTheOverviewAsAUsageError()
    {
        var run = await RunAsync([]);

        Assert.Equal(ExitCodes.UsageError, run.Exit);
        foreach (var command in Root().Subcommands.Select(c => c.Name))
        {
            Assert.Contains($"  {command}", run.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("plan", "error: Missing DIR. See 'reconciler plan --help'.")]
    [InlineData("run", "error: Missing SOURCE. See 'reconciler run --help'.")]
    [InlineData("plan a b", "error: Unrecognized command or argument 'b'. See 'reconciler plan --help'.")]
    [InlineData("apply dir --alow-mass-delete", "error: Unrecognized command or argument '--alow-mass-delete'. See 'reconciler apply --help'.")]
    [InlineData("apply dir --parallelism", "error: --parallelism needs a value. See 'reconciler apply --help'.")]
    [InlineData("apply dir --parallelism 65", "error: --parallelism must be a whole number from 1 to 64, not '65'. See 'reconciler apply --help'.")]
    [InlineData("bootstrap", "error: Missing DIR. See 'reconciler bootstrap --help'.")]
    [InlineData("bootstrap dir --parallelism 0", "error: --parallelism must be a whole number from 1 to 64, not '0'. See 'reconciler bootstrap --help'.")]
    [InlineData("apply dir --parallelism four", "error: --parallelism must be a whole number from 1 to 64, not 'four'. See 'reconciler apply --help'.")]
    [InlineData("run dir --interval 5y", "error: --interval must be a duration such as 500ms, 15s, 5m or 1h, not '5y'. See 'reconciler run --help'.")]
    [InlineData("run dir --log-format xml", "error: --log-format must be json or text, not 'xml'. See 'reconciler run --help'.")]
    [InlineData("sandbox", "error: Missing command; the commands are up, down. See 'reconciler sandbox --help'.")]
    [InlineData("sandbox sideways", "error: Unknown command 'sideways'; the commands are up, down. See 'reconciler sandbox --help'.")]
    [InlineData("status --stack", "error: --stack needs a value. See 'reconciler status --help'.")]
    public async Task UsageError_IsOneLineNamingTheMistakeAndTheHelp(string args, string expected)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.UsageError, run.Exit);
        Assert.Equal(expected + Environment.NewLine, run.Errors);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task UnknownCommand_IsOneLineListingTheCommands()
    {
        var run = await RunAsync(["frob"]);

        Assert.Equal(ExitCodes.UsageError, run.Exit);
        Assert.Equal(
            $"error: Unknown command 'frob'; the commands are {string.Join(", ", Root().Subcommands.Select(c => c.Name))}. See 'reconciler --help'." + Environment.NewLine,
            run.Errors);
    }

    [Fact]
    public async Task Cost_OfProd_PrintsEveryLineAndTheEstimatorsTotal()
    {
        var prod = Path.Combine(Deploy.RepositoryFiles.Root(), "desired-state", "prod");
        var stack = Model.Loading.DesiredStateLoader.Load(prod).Stack!;
        var total = Model.Pricing.CostEstimator.Estimate(stack).MonthlyUsd;

        var run = await RunAsync(["cost", prod]);

        Assert.Equal(ExitCodes.Success, run.Exit);
        Assert.Contains($"Total: {Model.Pricing.CostEstimator.Usd(total)}/month", run.Output, StringComparison.Ordinal);
        Assert.All(stack.Resources, r => Assert.Contains($"  {r.Key} ", run.Output, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_ProdCostTable_IsTheCurrentEstimate()
    {
        var prod = Path.Combine(Deploy.RepositoryFiles.Root(), "desired-state", "prod");
        var total = Model.Pricing.CostEstimator.Estimate(Model.Loading.DesiredStateLoader.Load(prod).Stack!).MonthlyUsd;

        // The README compares prod's estimate with the source document's, row by row: its total must be today's.
        Assert.Contains($"| **~320** | **{total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}** |", Deploy.RepositoryFiles.Read("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cost_OfAnInvalidFolder_PrintsTheErrorsAndExitsOne()
    {
        var run = await RunAsync(["cost", "/nonexistent"]);

        Assert.Equal(ExitCodes.Error, run.Exit);
        Assert.Contains("nothing was sent to AWS", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Validate_InvalidOptionValueInRun_IsRefusedBeforeAnythingStarts()
    {
        // Values the parser accepts but the daemon's options refuse are still refused before any source is read.
        var run = await RunAsync(["run", "/nonexistent", "--interval", "0s"]);

        Assert.Equal(ExitCodes.Error, run.Exit);
        Assert.StartsWith("error: --interval must be between 1s and 24h", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageError_HasTheExitCodeOfAnError_NotPlansChangesPending()
    {
        Assert.Equal(ExitCodes.Error, ExitCodes.UsageError);
        Assert.NotEqual(ExitCodes.ChangesPending, ExitCodes.UsageError);
    }

    private static IEnumerable<string> Paths(Command command, string prefix) =>
        command.Subcommands.SelectMany(c => Paths(c, prefix + c.Name + " ").Prepend(prefix + c.Name));

    private static RootCommand Root() => ReconcilerCli.CreateRoot(new CliEnvironment(), NullLogger.Instance);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await ReconcilerCli.RunAsync(args, new CliEnvironment { Output = output, Errors = errors }, timeout.Token);
        return (exit, output.ToString(), errors.ToString());
    }
}
