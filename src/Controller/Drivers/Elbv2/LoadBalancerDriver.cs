using System.Globalization;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using ElasticLoadBalancingV2Operations = Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations;

namespace Reconciler.Controller.Drivers.Elbv2;

/// <summary>
/// Converges Application Load Balancers.
/// <para>
/// Reads: one paginated DescribeLoadBalancers (every load balancer of the region: it takes no
/// tag filter), their tags from the stack's tag index (the tagging API lists load balancers),
/// then one DescribeLoadBalancerAttributes per load balancer of the stack (no batch read exists).
/// </para>
/// <para>
/// Live form: subnets, security groups and the access-log bucket as document names;
/// <c>accessLogs</c> is null when logs were never configured (disabled, no bucket).
/// </para>
/// <para>
/// Delete switches deletion protection off first: the planner asks for it only when the
/// document said <c>deletionPolicy: delete</c> (the kind is stateful) or a replace needs it.
/// </para>
/// </summary>
internal sealed class LoadBalancerDriver : Elbv2Driver<LoadBalancerSpec, LoadBalancer>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. Elbv2Tags.Operations,
        .. StackTagIndex.Operations,
        ElasticLoadBalancingV2Operations.CreateLoadBalancer,
        ElasticLoadBalancingV2Operations.DeleteLoadBalancer,
        ElasticLoadBalancingV2Operations.DescribeLoadBalancerAttributes,
        ElasticLoadBalancingV2Operations.DescribeLoadBalancers,
        ElasticLoadBalancingV2Operations.ModifyLoadBalancerAttributes,
        ElasticLoadBalancingV2Operations.SetSecurityGroups,
        ElasticLoadBalancingV2Operations.SetSubnets,
    ];

    private const string AccessLogsEnabled = "access_logs.s3.enabled";
    private const string AccessLogsBucket = "access_logs.s3.bucket";
    private const string AccessLogsPrefix = "access_logs.s3.prefix";
    private const string DeletionProtection = "deletion_protection.enabled";
    private const string IdleTimeout = "idle_timeout.timeout_seconds";
    private const string DropInvalidHeaders = "routing.http.drop_invalid_header_fields.enabled";

    protected override string ArnOutputName => "loadBalancerArn";

    protected override bool InStackTagIndex => true;

    protected override string ArnOf(LoadBalancer item) => item.LoadBalancerArn!;

    protected override async Task<IReadOnlyList<LoadBalancer>> ListAsync(IReadOnlyList<LoadBalancerSpec> desired, IReadOnlyList<string> recordedArns, DriverContext context, CancellationToken cancellationToken) =>
        await Pages.ReadAllAsync<LoadBalancer>(async marker =>
        {
            var page = await context.Aws.Elbv2.DescribeLoadBalancersAsync(new DescribeLoadBalancersInput { Marker = marker }, cancellationToken);
            return (page.LoadBalancers?.Where(b => b.LoadBalancerArn is not null && b.Type == "application"), page.NextMarker);
        });

    protected override async Task<LoadBalancer?> DescribeByArnAsync(string arn, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.Elbv2.DescribeLoadBalancersAsync(new DescribeLoadBalancersInput { LoadBalancerArns = [arn] }, cancellationToken)).LoadBalancers?.FirstOrDefault();

    protected override async Task<(LoadBalancerSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(LoadBalancer item, DriverContext context, CancellationToken cancellationToken)
    {
        var attributes = TagMaps.From(
            (await context.Aws.Elbv2.DescribeLoadBalancerAttributesAsync(new DescribeLoadBalancerAttributesInput { LoadBalancerArn = item.LoadBalancerArn! }, cancellationToken)).Attributes?.Where(a => a.Key is not null),
            a => a.Key!,
            a => a.Value ?? "");
        var logsOn = attributes.GetValueOrDefault(AccessLogsEnabled) == "true";
        var logBucket = attributes.GetValueOrDefault(AccessLogsBucket) ?? "";
        var live = new LoadBalancerSpec
        {
            LoadBalancerName = item.LoadBalancerName,
            Scheme = item.Scheme ?? "",
            Subnets = [.. (item.AvailabilityZones ?? []).Select(z => z.SubnetId).OfType<string>().Select(id => context.Identities.NameOf("Subnet", id))],
            SecurityGroups = [.. (item.SecurityGroups ?? []).Select(id => context.Identities.NameOf("SecurityGroup", id))],
            AccessLogs = !logsOn && logBucket.Length == 0 ? null : new AccessLogsSpec
            {
                Bucket = context.Identities.NameOf("Bucket", logBucket),
                Prefix = attributes.GetValueOrDefault(AccessLogsPrefix) ?? "",
                Enabled = logsOn,
            },
            DeletionProtection = attributes.GetValueOrDefault(DeletionProtection) == "true",
            IdleTimeoutSeconds = int.TryParse(attributes.GetValueOrDefault(IdleTimeout), CultureInfo.InvariantCulture, out var idle) ? idle : 0,
            DropInvalidHeaderFields = attributes.GetValueOrDefault(DropInvalidHeaders) == "true",
        };
        var outputs = new Dictionary<string, string>
        {
            ["loadBalancerName"] = item.LoadBalancerName ?? "",
            ["dnsName"] = item.DNSName ?? "",
            ["canonicalHostedZoneId"] = item.CanonicalHostedZoneId ?? "",
        };
        return (live, outputs);
    }

    // Attributes (logs, protection, timeouts) are no CreateLoadBalancer parameters: they follow as in-place changes.
    protected override async Task<string> CreateNewAsync(ResourceKey key, LoadBalancerSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var created = await context.Aws.Elbv2.CreateLoadBalancerAsync(
            new CreateLoadBalancerInput
            {
                Name = spec.LoadBalancerName!,
                Type = "application",
                Scheme = spec.Scheme,
                IpAddressType = "ipv4",
                Subnets = [.. spec.Subnets.Select(s => context.Identities.IdOf("Subnet", s))],
                SecurityGroups = [.. spec.SecurityGroups.Select(g => context.Identities.IdOf("SecurityGroup", g))],
                Tags = Elbv2Tags.AtCreate(tags),
            },
            cancellationToken);
        var arn = created.LoadBalancers?.FirstOrDefault()?.LoadBalancerArn ?? throw new InvalidOperationException($"{key}: CreateLoadBalancer returned no load balancer.");
        await Waiter.UntilAsync(
            $"{key} ({arn}) to become active",
            async ct => (await DescribeByArnAsync(arn, context, ct))?.State?.Code == "active",
            context,
            cancellationToken);
        return arn;
    }

    protected override async Task ApplyAsync(SpecChange<LoadBalancerSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (elb, arn, spec) = (context.Aws.Elbv2, change.Id, change.Desired);
        if (change.Changed("subnets"))
        {
            await elb.SetSubnetsAsync(new SetSubnetsInput { LoadBalancerArn = arn, Subnets = [.. spec.Subnets.Select(s => context.Identities.IdOf("Subnet", s))] }, cancellationToken);
        }

        if (change.Changed("securityGroups"))
        {
            await elb.SetSecurityGroupsAsync(new SetSecurityGroupsInput { LoadBalancerArn = arn, SecurityGroups = [.. spec.SecurityGroups.Select(g => context.Identities.IdOf("SecurityGroup", g))] }, cancellationToken);
        }

        var attributes = new List<LoadBalancerAttribute>();
        if (change.Changed("accessLogs") && spec.AccessLogs is { } logs)
        {
            attributes.Add(Attribute(AccessLogsEnabled, logs.Enabled));
            attributes.Add(new LoadBalancerAttribute { Key = AccessLogsBucket, Value = context.Identities.IdOf("Bucket", logs.Bucket) });
            attributes.Add(new LoadBalancerAttribute { Key = AccessLogsPrefix, Value = logs.Prefix });
        }

        if (change.Changed("deletionProtection"))
        {
            attributes.Add(Attribute(DeletionProtection, spec.DeletionProtection));
        }

        if (change.Changed("idleTimeoutSeconds"))
        {
            attributes.Add(new LoadBalancerAttribute { Key = IdleTimeout, Value = spec.IdleTimeoutSeconds.ToString(CultureInfo.InvariantCulture) });
        }

        if (change.Changed("dropInvalidHeaderFields"))
        {
            attributes.Add(Attribute(DropInvalidHeaders, spec.DropInvalidHeaderFields));
        }

        // All attributes in one call: AWS applies them together or refuses them together.
        if (attributes.Count > 0)
        {
            await elb.ModifyLoadBalancerAttributesAsync(new ModifyLoadBalancerAttributesInput { LoadBalancerArn = arn, Attributes = attributes }, cancellationToken);
        }
    }

    /// <summary>
    /// Switches deletion protection off, then deletes. Reached only for a stateful load balancer
    /// whose document explicitly said <c>deletionPolicy: delete</c>, or for a replace.
    /// </summary>
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(async () =>
        {
            var arn = identity["id"];
            await context.Aws.Elbv2.ModifyLoadBalancerAttributesAsync(
                new ModifyLoadBalancerAttributesInput { LoadBalancerArn = arn, Attributes = [Attribute(DeletionProtection, false)] },
                cancellationToken);
            await context.Aws.Elbv2.DeleteLoadBalancerAsync(new DeleteLoadBalancerInput { LoadBalancerArn = arn }, cancellationToken);
        });

    private static LoadBalancerAttribute Attribute(string key, bool value) => new() { Key = key, Value = value ? "true" : "false" };
}
