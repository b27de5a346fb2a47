using Reconciler.Model;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The names ECS takes and returns for the documents a task definition or service references:
/// role ARNs, ECR image URIs, task definition revisions and service ARNs, both ways (document
/// name to what ECS wants when writing, what ECS returns to document name when observing).
/// </summary>
internal static class EcsReferences
{
    /// <summary>The ARN of the stack's Role document <paramref name="role"/> (roles of the stack keep the default path <c>/</c>).</summary>
    public static string RoleArn(string role, DriverContext context) =>
        $"arn:{Arns.Partition(context.Stack.Region)}:iam::{context.Stack.AccountId}:role/{context.Identities.IdOf("Role", role)}";

    /// <summary>The Role document of a role ARN (its name is the ARN's last segment), or the ARN when no document has it.</summary>
    public static string? RoleOf(string? arn, DriverContext context)
    {
        if (arn is null)
        {
            return null;
        }

        var document = context.Identities.NameOf("Role", arn[(arn.LastIndexOf('/') + 1)..]);
        return Known(context, "Role", document) ? document : arn;
    }

    /// <summary>The account's registry host, where the stack's Repository documents live.</summary>
    public static string Registry(DriverContext context) => $"{context.Stack.AccountId}.dkr.ecr.{context.Stack.Region}.amazonaws.com";

    /// <summary>The image URI of a tag in one of the stack's Repository documents.</summary>
    public static string ImageUri(string repository, string tag, DriverContext context) =>
        $"{Registry(context)}/{context.Identities.IdOf("Repository", repository)}:{tag}";

    /// <summary>The Repository document and tag of an image in the account's registry, or null for any other image.</summary>
    public static (string Repository, string Tag)? RepositoryImage(string image, DriverContext context)
    {
        var prefix = Registry(context) + "/";
        var colon = image.LastIndexOf(':');
        if (!image.StartsWith(prefix, StringComparison.Ordinal) || colon < prefix.Length)
        {
            return null;
        }

        var repositoryName = image[prefix.Length..colon];
        var document = context.Identities.NameOf("Repository", repositoryName);
        return Known(context, "Repository", document) ? (document, image[(colon + 1)..]) : null;
    }

    /// <summary>The family and revision of a task definition ARN (<c>…:task-definition/family:7</c>).</summary>
    public static (string Family, int Revision) Revision(string taskDefinitionArn)
    {
        var resource = taskDefinitionArn[(taskDefinitionArn.LastIndexOf('/') + 1)..];
        var colon = resource.LastIndexOf(':');
        return (resource[..colon], int.Parse(resource[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The cluster and service names of a service ARN (<c>…:service/cluster/name</c>).</summary>
    public static (string Cluster, string Service) ServiceOf(string serviceArn)
    {
        var parts = serviceArn[(serviceArn.IndexOf(":service/", StringComparison.Ordinal) + ":service/".Length)..].Split('/');
        return parts.Length == 2 ? (parts[0], parts[1]) : throw new InvalidOperationException($"service ARN '{serviceArn}' does not name its cluster (the old ARN format); opt in to the long ARN format for ECS services");
    }

    private static bool Known(DriverContext context, string kind, string name) => context.Identities.TryIdOf(new ResourceKey(kind, name)) is not null;
}
