using Reconciler.Inference.Models;

namespace Reconciler.Inference.Tests.Models;

public sealed class OutputAnnotationsTests
{
    [Fact]
    public void From_LabelsAndHiddenOutputs_AreReadByOutputName()
    {
        var annotations = OutputAnnotations.From(new Dictionary<string, string>
        {
            ["labels:Score.output"] = """["Adelie","Chinstrap","Gentoo"]""",
            ["hidden_outputs"] = """["mlnet.Score.unusedOutput"]""",
            ["producer"] = "something else entirely",
        });

        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], annotations.Labels["Score.output"]);
        Assert.Equal(["mlnet.Score.unusedOutput"], annotations.Hidden);
    }

    [Fact]
    public void From_NoEntries_LabelsNothingAndHidesNothing()
    {
        var annotations = OutputAnnotations.From(new Dictionary<string, string>());

        Assert.Empty(annotations.Labels);
        Assert.Empty(annotations.Hidden);
    }

    [Theory]
    [InlineData("Adelie,Chinstrap")]
    [InlineData("""{"a":1}""")]
    [InlineData("[1,2]")]
    public void From_MalformedLabels_IsRefusedNamingTheEntry(string value)
    {
        var error = Assert.Throws<InvalidDataException>(() => OutputAnnotations.From(new Dictionary<string, string> { ["labels:Score.output"] = value }));

        Assert.StartsWith("model metadata 'labels:Score.output' must be a JSON array of strings", error.Message, StringComparison.Ordinal);
    }
}
