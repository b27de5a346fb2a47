using Amazon;
using Amazon.S3;
using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Models;

/// <summary>Builds the S3 client from the "S3" section on top of the SDK's standard settings.</summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(S3ClientOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            // Setting the URL after the region keeps both: the URL wins for routing, the region for signing.
            config.ServiceURL = options.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }

        return new AmazonS3Client(config);
    }
}
