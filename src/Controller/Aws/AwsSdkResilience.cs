using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Reconciler.Aws;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Puts the official SDK clients on the project's <see cref="AwsResiliencePipeline"/>: a pipeline
/// customizer, registered once per process, replaces the SDK's own RetryHandler in every SDK
/// client's runtime pipeline with <see cref="AwsSdkRetryHandler"/>. The handler sits where the
/// SDK's retries did, outside the signer, so each attempt is signed afresh. Which pipeline (its
/// options and clock) a client uses is looked up by the client's config, attached by
/// <see cref="AwsClientFactory"/>; a client made elsewhere gets the default options.
/// </summary>
internal static class AwsSdkResilience
{
    private static readonly ConditionalWeakTable<IClientConfig, AwsResiliencePipeline> Pipelines = [];
    private static readonly Lazy<AwsResiliencePipeline> Default = new(() => new AwsResiliencePipeline(new AwsRetryOptions(), TimeProvider.System));
    private static readonly Lazy<bool> Registered = new(() =>
    {
        RuntimePipelineCustomizerRegistry.Instance.Register(new Customizer());
        return true;
    });

    /// <summary>Makes clients built on <paramref name="config"/> retry through <paramref name="pipeline"/>.</summary>
    public static void Attach(IClientConfig config, AwsResiliencePipeline pipeline)
    {
        _ = Registered.Value;
        Pipelines.AddOrUpdate(config, pipeline);
    }

    /// <summary>The pipeline of a client's config.</summary>
    public static AwsResiliencePipeline For(IClientConfig config) =>
        Pipelines.TryGetValue(config, out var pipeline) ? pipeline : Default.Value;

    private sealed class Customizer : IRuntimePipelineCustomizer
    {
        public string UniqueName => "Reconciler.AwsResilience";

        public void Customize(Type type, RuntimePipeline pipeline) => pipeline.ReplaceHandler<RetryHandler>(new AwsSdkRetryHandler());
    }
}
