using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>The rule shared by listeners and listener rules: the internet never reaches targets over plain HTTP.</summary>
internal static class PlainHttp
{
    /// <summary>
    /// Reports an error when <paramref name="action"/> forwards on a plain HTTP listener of an
    /// internet-facing load balancer: requests and their answers would cross the internet
    /// unencrypted. Such a listener redirects to HTTPS (or answers with a fixed response).
    /// </summary>
    public static void RefuseForwarding(SpecRules rules, string? loadBalancer, string? protocol, ListenerActionSpec? action, string path, string kind)
    {
        if (protocol != "HTTP" || action?.Forward is null || loadBalancer is null)
        {
            return;
        }

        if (rules.Find<LoadBalancerSpec>(loadBalancer) is { Scheme: LoadBalancerSpec.InternetFacing })
        {
            rules.Error($"{path}.forward", $"{path} of {kind} spec forwards plain HTTP from internet-facing load balancer '{loadBalancer}' to targets; redirect to HTTPS instead ({path}: {{redirect: {{}}}}) and forward on an HTTPS listener");
        }
    }
}
