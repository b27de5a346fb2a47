using Reconciler.Integration.Tests.Daemon;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// Waits out the one change the emulator makes by itself: moto issues a DNS-validated
/// certificate 60 s after it was requested (as ACM does once the validation record is in DNS),
/// and the certificate's <c>status</c> output changes with it. A test that compares two applies
/// for "writes nothing" waits for that first and lets one apply record it, so the applies it
/// compares see an account that nobody changes in between.
/// </summary>
internal static class IssuedCertificates
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <summary>Returns once every certificate of the account is ISSUED; fails after two minutes.</summary>
    public static async Task WaitAsync(AwsCli aws)
    {
        var arns = (await aws.RunAsync("acm", "list-certificates"))!["CertificateSummaryList"]!.AsArray().Select(c => (string)c!["CertificateArn"]!).ToList();
        foreach (var arn in arns)
        {
            var issued = await DaemonClient.EventuallyAsync(
                async () => (string?)(await aws.RunAsync("acm", "describe-certificate", "--certificate-arn", arn))!["Certificate"]!["Status"] == "ISSUED",
                Bound,
                TimeSpan.FromSeconds(2));
            Assert.True(issued, $"{arn} was not issued within {Bound.TotalSeconds:0} s");
        }
    }
}
