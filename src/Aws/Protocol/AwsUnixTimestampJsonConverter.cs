namespace Reconciler.Aws.Protocol;

/// <summary>Epoch seconds as a JSON number: the JSON protocols' default.</summary>
public sealed class AwsUnixTimestampJsonConverter : AwsTimestampJsonConverter
{
    /// <summary>Creates the converter.</summary>
    public AwsUnixTimestampJsonConverter()
        : base(AwsTimestampFormat.UnixTimestamp)
    {
    }
}
