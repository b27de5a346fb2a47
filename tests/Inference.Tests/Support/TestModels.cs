using Microsoft.ML.OnnxRuntime;
using Reconciler.Inference.Models;

namespace Reconciler.Inference.Tests.Support;

/// <summary>Opens the shipped models directly, for tests below the HTTP layer.</summary>
internal static class TestModels
{
    public static LoadedModel Penguins(string version = "1") => Open("penguins", version, $"models/penguins/{version}/model.onnx");

    public static LoadedModel ResNet18() => Open("resnet18", "1", "models/resnet18/1/model.onnx");

    private static LoadedModel Open(string name, string version, string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        return new LoadedModel(name, version, new InferenceSession(path), "test", path);
    }
}
