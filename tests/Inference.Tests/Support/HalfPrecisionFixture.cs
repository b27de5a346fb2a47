using System.Globalization;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Reconciler.Inference.Tests.Support;

/// <summary>
/// The in-memory service serving, beside penguins, three generated models: fp16-cast (FP16 [-1,3] → Cast → FP32
/// [-1,3]), fp16-identity (FP16 [-1,4]) and bf16-identity (BF16 [-1,4]). They have no warm-up file, so each must
/// have passed the all-zero warm-up (parse, run, write) to be ready.
/// </summary>
public sealed class HalfPrecisionFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("half-precision-models-").FullName;

    /// <summary>The generated model files by name.</summary>
    public IReadOnlyDictionary<string, byte[]> Models { get; } = new Dictionary<string, byte[]>
    {
        ["fp16-cast"] = OnnxModelBuilder.Cast(TensorElementType.Float16, TensorElementType.Float, width: 3),
        ["fp16-identity"] = OnnxModelBuilder.Identity(TensorElementType.Float16, width: 4),
        ["bf16-identity"] = OnnxModelBuilder.Identity(TensorElementType.BFloat16, width: 4),
    };

    internal ServiceFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = TestSettings.Default();
        var index = 2;
        foreach (var (name, bytes) in Models)
        {
            var path = Path.Combine(_directory, name + ".onnx");
            await File.WriteAllBytesAsync(path, bytes);
            var prefix = $"Inference:Models:{index++.ToString(CultureInfo.InvariantCulture)}:";
            settings[prefix + "Name"] = name;
            settings[prefix + "Version"] = "1";
            settings[prefix + "Path"] = path;
        }

        Factory = new ServiceFactory(settings);
        await Factory.SettledAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
