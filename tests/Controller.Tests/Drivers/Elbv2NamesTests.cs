using System.Text.RegularExpressions;
using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Tests.Drivers;

public sealed partial class Elbv2NamesTests
{
    [Theory]
    [InlineData("ml-platform-prod", "blue")]
    [InlineData("a-very-long-stack-name-for-tests", "a-very-long-document-name")]
    [InlineData("s", "x")]
    public void Generated_FitsElbNamingRules(string stack, string name)
    {
        var generated = Elbv2Names.Generated(stack, name);

        Assert.InRange(generated.Length, 1, 32);
        Assert.Matches(ElbName(), generated);
    }

    [Fact]
    public void Generated_KeepsTheReadablePartWhenItFits() =>
        Assert.StartsWith("ml-platform-prod-blue-", Elbv2Names.Generated("ml-platform-prod", "blue"), StringComparison.Ordinal);

    [Fact]
    public void Generated_TwiceForOneDocument_GivesTwoNamesSoAReplacementFitsBeside() =>
        Assert.NotEqual(Elbv2Names.Generated("dev", "blue"), Elbv2Names.Generated("dev", "blue"));

    // ELB: letters, digits and single hyphens, not at either end.
    [GeneratedRegex("^(?!.*--)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")]
    private static partial Regex ElbName();
}
