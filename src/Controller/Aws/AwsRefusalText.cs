using Reconciler.Aws;

namespace Reconciler.Controller.Aws;

/// <summary>What AWS said when it refused a call, from either client family, for messages that must read on their own.</summary>
internal static class AwsRefusalText
{
    /// <summary>"AWS said CODE: message" for an AWS answer; the exception's own message for anything else (a timeout, a lost connection).</summary>
    public static string Of(Exception error) => error switch
    {
        Amazon.Runtime.AmazonServiceException aws => $"AWS said {aws.ErrorCode ?? aws.StatusCode.ToString()}: {aws.Message}",
        AwsServiceException own => $"AWS said {own.ErrorCode}: {own.ErrorMessage ?? own.Message}",
        _ => error.Message,
    };
}
