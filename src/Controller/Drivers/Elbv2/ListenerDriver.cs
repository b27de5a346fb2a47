using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using ElasticLoadBalancingV2Operations = Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations;

namespace Reconciler.Controller.Drivers.Elbv2;

/// <summary>
/// Converges load balancer listeners.
/// <para>
/// Reads: one paginated DescribeListeners per load balancer of the stack (ELBv2 lists listeners
/// only by load balancer or ARN), then one DescribeTags per 20 listeners (the tagging API does
/// not list listeners).
/// </para>
/// <para>
/// Live form: the load balancer, certificate and target groups as document names; an HTTP
/// listener shows the default TLS policy whatever AWS holds (it has none in AWS, moto reports
/// ELBSecurityPolicy-2016-08 for it), so the field means nothing there.
/// Weights a rollout owns are left out of the diff by the spec (<c>weights: rollout</c>), and
/// a change of the default action keeps the live weights of the target groups already in it.
/// </para>
/// </summary>
internal sealed class ListenerDriver : Elbv2Driver<ListenerSpec, Listener>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. Elbv2Tags.Operations,
        .. StackTagIndex.Operations,
        ElasticLoadBalancingV2Operations.CreateListener,
        ElasticLoadBalancingV2Operations.DeleteListener,
        ElasticLoadBalancingV2Operations.DescribeListeners,
        ElasticLoadBalancingV2Operations.ModifyListener,
    ];

    protected override string ArnOutputName => "listenerArn";

    protected override string ArnOf(Listener item) => item.ListenerArn!;

    protected override Task<IReadOnlyList<Listener>> ListAsync(IReadOnlyList<ListenerSpec> desired, IReadOnlyList<string> recordedArns, DriverContext context, CancellationToken cancellationToken) =>
        ListUnderAsync(
            ParentArns("LoadBalancer", desired.Select(d => d.LoadBalancer), recordedArns, "listener", "loadbalancer", context),
            async (loadBalancer, marker) =>
            {
                var page = await context.Aws.Elbv2.DescribeListenersAsync(new DescribeListenersInput { LoadBalancerArn = loadBalancer, Marker = marker }, cancellationToken);
                return (page.Listeners?.Where(l => l.ListenerArn is not null), page.NextMarker);
            },
            context,
            cancellationToken);

    protected override async Task<Listener?> DescribeByArnAsync(string arn, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Elbv2.DescribeListenersAsync(new DescribeListenersInput { ListenerArns = [arn] }, cancellationToken)).Listeners?.FirstOrDefault();

    protected override Task<(ListenerSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(Listener item, DriverContext context, CancellationToken cancellationToken)
    {
        var certificate = (item.Certificates ?? []).OrderByDescending(c => c.IsDefault == true).FirstOrDefault()?.CertificateArn;
        var live = new ListenerSpec
        {
            LoadBalancer = item.LoadBalancerArn is { } lb ? context.Identities.NameOf("LoadBalancer", lb) : "",
            Port = item.Port ?? 0,
            Protocol = item.Protocol ?? "",
            Certificate = certificate is null ? null : context.Identities.NameOf("Certificate", certificate),
            SslPolicy = item.Protocol == "HTTP" ? ListenerSpec.DefaultSslPolicy : item.SslPolicy ?? "",
            DefaultAction = Elbv2Actions.FromAws(item.DefaultActions, context),
        };
        return Task.FromResult<(ListenerSpec, IReadOnlyDictionary<string, string>)>((live, new Dictionary<string, string> { ["port"] = $"{item.Port}" }));
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, ListenerSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var https = spec.Protocol == "HTTPS";
        var created = await context.Aws.Elbv2.CreateListenerAsync(
            new CreateListenerInput
            {
                LoadBalancerArn = context.Identities.IdOf("LoadBalancer", spec.LoadBalancer),
                Port = spec.Port,
                Protocol = spec.Protocol,
                SslPolicy = https ? spec.SslPolicy : null,
                Certificates = https ? CertificatesOf(spec, context) : null,
                DefaultActions = Elbv2Actions.ToAws(spec.DefaultAction, live: null, context),
                Tags = Elbv2Tags.AtCreate(tags),
            },
            cancellationToken);
        return created.Listeners?.FirstOrDefault()?.ListenerArn ?? throw new InvalidOperationException($"{key}: CreateListener returned no listener.");
    }

    // ModifyListener takes every setting at once; only the changed ones are sent, so a rollout's
    // weights are not touched by a change of, say, the TLS policy.
    protected override async Task ApplyAsync(SpecChange<ListenerSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (spec, https) = (change.Desired, change.Desired.Protocol == "HTTPS");
        var protocolChanged = change.Changed("protocol");
        await context.Aws.Elbv2.ModifyListenerAsync(
            new ModifyListenerInput
            {
                ListenerArn = change.Id,
                Port = change.IfChanged("port", spec.Port),
                Protocol = protocolChanged ? spec.Protocol : null,
                SslPolicy = https && (protocolChanged || change.Changed("sslPolicy")) ? spec.SslPolicy : null,
                Certificates = https && (protocolChanged || change.Changed("certificate")) ? CertificatesOf(spec, context) : null,
                DefaultActions = change.Changed("defaultAction") ? Elbv2Actions.ToAws(spec.DefaultAction, change.Live.DefaultAction, context) : null,
            },
            cancellationToken);
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Elbv2.DeleteListenerAsync(new DeleteListenerInput { ListenerArn = identity["id"] }, cancellationToken));

    private static IReadOnlyList<Certificate>? CertificatesOf(ListenerSpec spec, DriverContext context) =>
        spec.Certificate is { } certificate ? [new Certificate { CertificateArn = context.Identities.IdOf("Certificate", certificate) }] : null;
}
