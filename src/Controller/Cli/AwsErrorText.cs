using Amazon.Runtime;

namespace Reconciler.Controller.Cli;

/// <summary>Turns an AWS SDK failure into the one line a person needs, instead of the SDK's essay or a stack trace.</summary>
internal static class AwsErrorText
{
    /// <summary>What to print after <c>error: </c>.</summary>
    public static string OneLine(Exception error)
    {
        // The SDK's credential chain reports each provider it tried on lines of their own; what
        // helps is how to give it credentials, or how to do without them.
        if (error is AmazonClientException && error.Message.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal))
        {
            return "no AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), "
                + "or try it locally: add --sandbox, or start an emulator with 'reconciler sandbox up'.";
        }

        // Invalid settings are a list, each naming the setting and the fix: all of them matter.
        if (error is AwsConfigurationException configuration)
        {
            return "AWS settings are invalid: " + string.Join(" ", configuration.Errors);
        }

        var message = error.Message.Trim();
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline].TrimEnd();
    }
}
