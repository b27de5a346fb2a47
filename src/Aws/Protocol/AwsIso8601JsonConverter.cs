namespace Reconciler.Aws.Protocol;

/// <summary>ISO 8601 as a JSON string, for members whose model says timestampFormat iso8601.</summary>
public sealed class AwsIso8601JsonConverter : AwsTimestampJsonConverter
{
    /// <summary>Creates the converter.</summary>
    public AwsIso8601JsonConverter()
        : base(AwsTimestampFormat.Iso8601)
    {
    }
}
