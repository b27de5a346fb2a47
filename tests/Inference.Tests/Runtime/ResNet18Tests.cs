using System.Globalization;
using System.Text;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Runtime;

/// <summary>The pre-trained ResNet-18 from the NuGet package: found at build time, fixed batch of 1 served item by item.</summary>
public sealed class ResNet18Tests : IDisposable
{
    private const int ImageElements = 3 * 224 * 224;
    private readonly LoadedModel _model = TestModels.ResNet18();
    private readonly InferenceMetrics _metrics = new();

    [Fact]
    public void Model_FromThePackage_DeclaresOneImageInAnd512FeaturesOut()
    {
        Assert.True(_model.Signature.OneItemPerRun);
        Assert.Equal([1L, 3, 224, 224], _model.Signature.Inputs.Single().Shape);
        Assert.Equal([1L, 512, 1, 1], _model.Signature.Outputs.Single().Shape);
    }

    [Fact]
    public void Warmup_KnownInput_GivesTheKnownFeatures()
    {
        // Throws if any of the 512 features differs from the committed answer.
        WarmupCheck.Run(_model, "models/resnet18/1/warmup.json", new InferenceRunner(_metrics));
        Assert.Equal(1, _metrics.Runs("resnet18", "1"));
    }

    [Fact]
    public void BatchOfThree_EqualsThreeSingleRuns_InOrder()
    {
        var runner = new InferenceRunner(_metrics);
        float[] fills = [0.1f, 0.5f, 0.9f];
        var batch = RunFeatures(runner, fills);
        Assert.Equal(3 * 512, batch.Length);
        for (var i = 0; i < fills.Length; i++)
        {
            var single = RunFeatures(runner, [fills[i]]);
            Assert.Equal(single, batch.AsSpan(i * 512, 512).ToArray());
        }

        Assert.NotEqual(batch.AsSpan(0, 512).ToArray(), batch.AsSpan(512, 512).ToArray());
    }

    [Fact]
    public void Request_WithOtherThanThe224By224Image_IsRefused()
    {
        var json = Encoding.UTF8.GetBytes("""{"inputs":[{"name":"Input247","datatype":"FP32","shape":[1,3,32,32],"data":[0]}]}""");
        var ex = Assert.Throws<ProtocolException>(() => InferRequestParser.Parse(json, "resnet18", _model.Signature, 100));
        Assert.Equal("input 'Input247' has shape [1,3,32,32] but the model expects [1,3,224,224]", ex.Message);
    }

    public void Dispose() => _model.Dispose();

    private float[] RunFeatures(InferenceRunner runner, float[] fills)
    {
        var data = string.Join(",", fills.SelectMany(f => Enumerable.Repeat(f.ToString("R", CultureInfo.InvariantCulture), ImageElements)));
        var json = Encoding.UTF8.GetBytes($$"""{"inputs":[{"name":"Input247","datatype":"FP32","shape":[{{fills.Length}},3,224,224],"data":[{{data}}]}]}""");
        using var request = InferRequestParser.Parse(json, "resnet18", _model.Signature, 100);
        using var result = runner.Run(_model, request);
        var output = result.Outputs.Single();
        Assert.Equal([fills.Length, 512L, 1, 1], output.Shape);
        return OutputValues.AsDoubles(output).Select(d => (float)d).ToArray();
    }
}
