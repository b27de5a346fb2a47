using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Inference.Tests.Support;

/// <summary>Configuration shared by the tests: both shipped penguin versions and one known key.</summary>
internal static class TestSettings
{
    public const string Key = "test-key-7f3a";
    public const string KeyName = "tester";
    public const string PenguinsV1Sha256 = "5117b6f65dc0d54b814cc8945d4ee64757312a51c826745b9bb53d0f427118b3";
    public const string PenguinsV2Sha256 = "0a39e078b603354577685f8ac737e77f1f937f1b9311ecf89fd9c249c02d232a";
    public const string PenguinsV3Sha256 = "513cf564ad8a27f89fecac26feb53a0ab3faa031a8e32f8fa6b7c68b3d2825b4";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Penguins v1 (the default for the name) and v2, a key, and a budget no functional test reaches.</summary>
    public static Dictionary<string, string?> Default() => new()
    {
        ["Inference:MaxBatchItems"] = "100",
        ["Inference:MaxRequestBytes"] = "65536",
        ["Inference:Models:0:Name"] = "penguins",
        ["Inference:Models:0:Version"] = "1",
        ["Inference:Models:0:Path"] = "models/penguins/1/model.onnx",
        ["Inference:Models:0:Sha256"] = PenguinsV1Sha256,
        ["Inference:Models:0:WarmupPath"] = "models/penguins/1/warmup.json",
        ["Inference:Models:1:Name"] = "penguins",
        ["Inference:Models:1:Version"] = "2",
        ["Inference:Models:1:Path"] = "models/penguins/2/model.onnx",
        ["Inference:Models:1:Sha256"] = PenguinsV2Sha256,
        ["Inference:Models:1:WarmupPath"] = "models/penguins/2/warmup.json",
        ["Auth:Enabled"] = "true",
        ["Auth:Keys:0:Name"] = KeyName,
        ["Auth:Keys:0:Sha256"] = Hash(Key),
        ["Auth:ItemsPerSecond"] = "1000000",
        ["Auth:BurstItems"] = "1000000",
        ["Hosting:Mode"] = "Http",
    };

    public static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = Default();
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return settings;
    }
}
