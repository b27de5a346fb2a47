namespace Reconciler.Aws.Protocol;

/// <summary>RFC 1123 as a JSON string, for members whose model says timestampFormat rfc822.</summary>
public sealed class AwsRfc822JsonConverter : AwsTimestampJsonConverter
{
    /// <summary>Creates the converter.</summary>
    public AwsRfc822JsonConverter()
        : base(AwsTimestampFormat.Rfc822)
    {
    }
}
