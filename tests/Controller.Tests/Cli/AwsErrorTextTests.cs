using Amazon.Runtime;
using Reconciler.Controller.Cli;

namespace Reconciler.Controller.Tests.Cli;

public sealed class AwsErrorTextTests
{
    [Fact]
    public void OneLine_CredentialChainFailure_SaysHowToGiveCredentialsOrUseASandbox()
    {
        var error = new AmazonClientException(
            "Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\n\nException 1 of 4: ...");

        Assert.Equal(
            "no AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or try it locally: add --sandbox, or start an emulator with 'reconciler sandbox up'.",
            AwsErrorText.OneLine(error));
    }

    [Fact]
    public void OneLine_MessageOfSeveralLines_KeepsTheFirst() =>
        Assert.Equal("The security token included in the request is invalid.", AwsErrorText.OneLine(new AmazonClientException("The security token included in the request is invalid.\r\nmore detail")));

    [Fact]
    public void OneLine_InvalidSettings_KeepsEveryProblem() =>
        Assert.Equal(
            "AWS settings are invalid: RECONCILER_FAULTS: throttle is '2'; set it to a share between 0 and 1, e.g. throttle=0.05. "
            + "RECONCILER_FAULTS: unknown setting 'bogus'; use throttle, error5xx, latencyMs, lostWrites, seed or crashAfter.",
            AwsErrorText.OneLine(Assert.Throws<AwsConfigurationException>(() => Reconciler.Controller.Aws.AwsFaultOptions.Parse("throttle=2,bogus=1"))));
}
