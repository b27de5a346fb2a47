using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A load balancer's listener: a port and protocol, TLS settings for HTTPS, and what it does by default.</summary>
/// <remarks>Replaced delete-then-create: a load balancer takes one listener per port.</remarks>
[Kind("Listener")]
public sealed record ListenerSpec : IResourceSpec
{
    /// <summary>The security policy HTTPS listeners use unless the document names another: TLS 1.3 and 1.2 only.</summary>
    public const string DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /// <summary>The LoadBalancer document it listens on. Changing it replaces the listener.</summary>
    [Reference("LoadBalancer"), Immutable]
    public required string LoadBalancer { get; init; }

    /// <summary>The port it listens on.</summary>
    [Range(1, 65535)]
    public required int Port { get; init; }

    /// <summary>HTTP or HTTPS.</summary>
    [AllowedValues("HTTP", "HTTPS")]
    public required string Protocol { get; init; }

    /// <summary>The Certificate document an HTTPS listener presents.</summary>
    [Reference("Certificate")]
    public string? Certificate { get; init; }

    /// <summary>The TLS security policy of an HTTPS listener. An HTTP listener has none (its live state shows the default).</summary>
    public string SslPolicy { get; init; } = DefaultSslPolicy;

    /// <summary>What the listener does with requests no rule matches.</summary>
    public required ListenerActionSpec DefaultAction { get; init; }

    /// <summary>
    /// HTTPS needs a certificate, HTTP takes neither certificate nor policy, and an internet-facing
    /// load balancer's plain HTTP listener must redirect (or answer), never forward.
    /// </summary>
    public void Validate(SpecRules rules)
    {
        if (Protocol == "HTTPS" && !rules.IsSet("certificate"))
        {
            rules.Error("protocol", "HTTPS listener in Listener spec needs a certificate; set certificate to a Certificate document");
        }

        if (Protocol == "HTTP")
        {
            foreach (var field in new[] { "certificate", "sslPolicy" }.Where(rules.IsSet))
            {
                rules.Error(field, $"{field} in Listener spec applies to HTTPS listeners only; remove it or set protocol: HTTPS");
            }
        }

        DefaultAction?.Validate(rules, "defaultAction", "Listener");
        PlainHttp.RefuseForwarding(rules, LoadBalancer, Protocol, DefaultAction, "defaultAction", "Listener");
    }

    /// <summary>A rollout's weights, when the default action forwards with <c>weights: rollout</c>.</summary>
    public IEnumerable<string> FieldsOwnedElsewhere() => DefaultAction?.FieldsOwnedElsewhere("defaultAction") ?? [];

    /// <summary>AWS charges nothing for a listener (the load balancer's LCUs carry the cost).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
