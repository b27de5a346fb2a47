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
        Assert.Equal(
            ["Auth:Keys is empty and Auth:SecretId is not set while Auth:Enabled is true; add a key { Name, Sha256 }, "
                + "name a Secrets Manager secret holding the keys' hashes in Auth:SecretId, or set Auth:Enabled to false."],
            result.Failures);
    }

    [Fact]
    public void AuthOptions_SecretIdWithoutConfiguredKeys_IsAccepted()
    {
        var validator = new AuthOptionsValidator(Options.Create(new InferenceOptions()));
        var result = validator.Validate(null, new AuthOptions { SecretId = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:inference-keys-AbCdEf" });
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void AuthOptions_SecretSettingsOutOfRange_AreRefusedWithTheirFixes()
    {
        var validator = new AuthOptionsValidator(Options.Create(new InferenceOptions()));
        var result = validator.Validate(null, new AuthOptions
        {
            SecretId = new string('s', 2049),
            SecretVersionStage = new string('v', 257),
            SecretRefreshSeconds = -1,
            SecretLoadTimeoutSeconds = 0,
        });

        Assert.Equal(
        [
            "Auth:SecretId is 2049 characters long; a secret name or ARN has at most 2048.",
            "Auth:SecretVersionStage must be a staging label of 1 to 256 characters such as 'AWSCURRENT', or left empty.",
            "Auth:SecretRefreshSeconds is -1; set 0 to read the secret once at start-up, or an interval such as 300.",
            "Auth:SecretLoadTimeoutSeconds is 0; set a positive bound such as 30.",
        ], result.Failures);
    }

    [Fact]
    public void SecretsManagerOptions_BadEndpointAndRegion_AreRefused()
    {
        var result = new SecretsManagerClientOptionsValidator().Validate(null, new SecretsManagerClientOptions { ServiceUrl = "127.0.0.1:5000", Region = "Ireland" });
        Assert.Equal(
        [
            "SecretsManager:ServiceUrl '127.0.0.1:5000' is not an absolute http(s) URL; set it like http://127.0.0.1:5000, or leave it empty for AWS.",
            "SecretsManager:Region 'Ireland' is not a region name like 'eu-west-1'; fix it or leave it empty for AWS_REGION.",
        ], result.Failures);
    }

    [Fact]
    public void HostingOptions_UnknownMode_IsRefused()
    {
        var result = new HostingOptionsValidator().Validate(null, new HostingOptions { Mode = "Grpc" });
        Assert.Equal(["Hosting:Mode is 'Grpc'; use 'Http' or 'Lambda'."], result.Failures);
    }
}
