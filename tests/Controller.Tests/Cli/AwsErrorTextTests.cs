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
}
