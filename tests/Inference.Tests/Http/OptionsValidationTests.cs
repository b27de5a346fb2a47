using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Tests.Http;

/// <summary>Bad settings stop the service at start-up with every problem named at once.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void InferenceOptions_Invalid_ReportsEveryProblemWithItsFix()
    {
        var options = new InferenceOptions
        {
            MaxBatchItems = 0,
            Models =
            [
                new ModelOptions { Name = "penguins", Version = "1", Path = "a.onnx", S3 = new S3ModelLocation { Bucket = "b", Key = "k" } },
                new ModelOptions { Name = "penguins", Version = "1", Sha256 = "abc" },
            ],
        };

        var result = new InferenceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "Inference:MaxBatchItems is 0; set it to 1 or more (default 100).",
            "Inference:Models:0 ('penguins'): set exactly one of Path or S3.",
            "Inference:Models:1: model 'penguins' version '1' is listed twice; remove one.",
            "Inference:Models:1 ('penguins'): set exactly one of Path or S3.",
            "Inference:Models:1:Sha256 ('penguins') must be 64 hex digits, the SHA-256 of the .onnx file.",
        ], result.Failures);
    }

    [Fact]
    public void AuthOptions_BurstBelowBatchLimitAndBadHash_AreRefused()
    {
        var validator = new AuthOptionsValidator(Options.Create(new InferenceOptions { MaxBatchItems = 100 }));
        var result = validator.Validate(null, new AuthOptions
        {
            BurstItems = 50,
            Keys = [new ApiKeyOptions { Name = "ci", Sha256 = "plain-text-key" }],
        });

        Assert.Equal(
        [
            "Auth:Keys:0:Sha256 (key 'ci') must be 64 hex digits: the SHA-256 of the key, never the key itself.",
            "Auth:BurstItems is 50, below Inference:MaxBatchItems (100); a full batch could never pass. Raise it to at least 100.",
        ], result.Failures);
    }

    [Fact]
    public void AuthOptions_NoKeysWhileEnabled_IsRefused()
    {
        var validator = new AuthOptionsValidator(Options.Create(new InferenceOptions()));
        var result = validator.Validate(null, new AuthOptions());
        Assert.Equal(["Auth:Keys is empty while Auth:Enabled is true; add a key { Name, Sha256 } or set Auth:Enabled to false."], result.Failures);
    }

    [Fact]
    public void HostingOptions_UnknownMode_IsRefused()
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { Mode = "Grpc" });
        Assert.Equal(["Hosting:Mode is 'Grpc'; use 'Http' or 'Lambda'."], result.Failures);
    }
}
