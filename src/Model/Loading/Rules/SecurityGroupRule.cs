using System.Text.Json.Nodes;

namespace Reconciler.Model.Loading.Rules;

/// <summary>Each rule allows either CIDR blocks or one security group, with ports in order.</summary>
internal sealed class SecurityGroupRule : IDocumentRule
{
    public string Kind => "SecurityGroup";

    public void Check(BoundDocument document, string? stackName, DiagnosticBag bag)
    {
        foreach (var direction in new[] { "ingress", "egress" })
        {
            if (document.Spec[direction] is not JsonArray rules)
            {
                continue;
            }

            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i] is JsonObject rule)
                {
                    CheckRule(document, rule, $"{direction}[{i}]", bag);
                }
            }
        }
    }

    private static void CheckRule(BoundDocument document, JsonObject rule, string path, DiagnosticBag bag)
    {
        var where = $"SecurityGroup spec.{path}";
        var hasCidrs = rule["cidrBlocks"] is JsonArray { Count: > 0 } || document.Locations.ContainsKey($"{path}.cidrBlocks");
        var hasGroup = document.Locations.ContainsKey($"{path}.securityGroup");
        if (hasCidrs && hasGroup)
        {
            bag.Add(document.LocationOf(path), $"rule {where} sets both cidrBlocks and securityGroup; a rule allows either CIDR blocks or one security group, so split it into two rules");
        }
        else if (!hasCidrs && !hasGroup)
        {
            bag.Add(document.LocationOf(path), $"rule {where} sets neither cidrBlocks nor securityGroup; add the CIDR blocks or the security group it allows");
        }

        // For icmp the two "ports" are a type and a code, which need not be in order.
        var protocol = (string?)rule["protocol"] ?? "tcp";
        if (protocol is "tcp" or "udp" && rule["fromPort"] is JsonValue from && rule["toPort"] is JsonValue to && from.GetValue<long>() > to.GetValue<long>())
        {
            bag.Add(document.LocationOf($"{path}.fromPort"), $"fromPort {from.GetValue<long>()} is greater than toPort {to.GetValue<long>()} in {where}; swap them");
        }
    }
}
