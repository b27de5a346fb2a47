using Reconciler.Controller.Cli;

namespace Reconciler.Controller.Tests.Cli;

public sealed class CliArgumentsTests
{
    [Fact]
    public void Parse_SwitchesOptionsAndPositionals_KeepsEachApart()
    {
        var args = CliArguments.Parse(["desired-state/dev", "--json", "--parallelism", "8"], ["json"], ["parallelism"]);

        Assert.Equal(["desired-state/dev"], args.Positional);
        Assert.True(args.Has("json"));
        Assert.Equal(8, args.Int("parallelism", 4, 1, 64));
    }

    [Fact]
    public void Parse_OptionWithEquals_TakesTheValue()
    {
        var args = CliArguments.Parse(["--account=210987654321"], [], ["account"]);

        Assert.Equal("210987654321", args.Value("account"));
    }

    [Fact]
    public void Parse_MisspelledSwitch_IsRejectedNamingTheKnownOnes()
    {
        var error = Assert.Throws<CliUsageException>(() => CliArguments.Parse(["--alow-mass-delete"], ["allow-mass-delete", "sandbox"], []));

        Assert.Equal("Unknown option --alow-mass-delete. Known options: --allow-mass-delete, --sandbox.", error.Message);
    }

    [Fact]
    public void Parse_OptionWithoutValue_IsRejected()
    {
        var error = Assert.Throws<CliUsageException>(() => CliArguments.Parse(["--parallelism"], [], ["parallelism"]));

        Assert.Equal("--parallelism needs a value.", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("four")]
    public void Int_OutOfRangeOrNotANumber_IsRejectedWithTheBounds(string value)
    {
        var args = CliArguments.Parse(["--parallelism", value], [], ["parallelism"]);

        var error = Assert.Throws<CliUsageException>(() => args.Int("parallelism", 4, 1, 64));

        Assert.Equal($"--parallelism must be a whole number from 1 to 64, not '{value}'.", error.Message);
    }

    [Fact]
    public void Single_TwoFolders_IsRejected()
    {
        var args = CliArguments.Parse(["a", "b"], [], []);

        var error = Assert.Throws<CliUsageException>(() => args.Single("folder"));

        Assert.Equal("Expected one folder, got 2: a b.", error.Message);
    }
}
