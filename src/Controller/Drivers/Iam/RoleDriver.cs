using Reconciler.Aws.Clients.Iam;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Iam;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using IamOperations = Reconciler.Aws.Clients.Iam.IamOperations;

namespace Reconciler.Controller.Drivers.Iam;

/// <summary>
/// Converges IAM roles through the generated <see cref="IIamClient"/>.
/// <para>
/// Reads: one paginated ListRoles; then per role of the stack GetRole (ListRoles omits tags and the
/// permissions boundary), ListRolePolicies with one GetRolePolicy per inline policy, and
/// ListAttachedRolePolicies: IAM has no batch read of a role's policies.
/// </para>
/// <para>
/// Live form: attached policies of the stack's Policy documents are reported as <c>policies</c>
/// (document names), every other attached ARN as <c>managedPolicyArns</c>; the boundary likewise.
/// Policy documents come back from IAM URL-encoded and are read by <see cref="PolicyJson"/>.
/// </para>
/// </summary>
internal sealed class RoleDriver : NameAddressedDriver<RoleSpec, Role>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. IamTags.Operations,
        .. StackTagIndex.Operations,
        IamOperations.AttachRolePolicy,
        IamOperations.CreateRole,
        IamOperations.DeleteRole,
        IamOperations.DeleteRolePolicy,
        IamOperations.DetachRolePolicy,
        IamOperations.GetRole,
        IamOperations.GetRolePolicy,
        IamOperations.ListAttachedRolePolicies,
        IamOperations.ListPolicies,
        IamOperations.ListRolePolicies,
        IamOperations.ListRoles,
        IamOperations.PutRolePermissionsBoundary,
        IamOperations.PutRolePolicy,
        IamOperations.UpdateAssumeRolePolicy,
        IamOperations.UpdateRole,
    ];

    protected override AwsService Service => AwsService.Iam;

    protected override ITagApi Tags => IamTags.Role;

    protected override string NameOf(RoleSpec spec) => spec.RoleName!;

    protected override async Task<IReadOnlyDictionary<string, Role>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        await foreach (var role in context.Aws.Iam.ListRolesAllAsync(new ListRolesRequest(), cancellationToken))
        {
            if (role.RoleName is { } name && name.StartsWith(namePrefix, StringComparison.Ordinal))
            {
                roles.TryAdd(name, role);
            }
        }

        return roles;
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, Role listed, DriverContext context, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam;
        var role = (await iam.GetRoleAsync(new GetRoleRequest { RoleName = listed.RoleName! }, cancellationToken)).Role ?? listed;
        var name = role.RoleName!;
        var inline = new List<InlinePolicySpec>();
        await foreach (var policyName in iam.ListRolePoliciesAllAsync(new ListRolePoliciesRequest { RoleName = name }, cancellationToken))
        {
            var policy = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = name, PolicyName = policyName }, cancellationToken);
            inline.Add(new InlinePolicySpec { Name = policyName, Document = PolicyJson.Read(policy.PolicyDocument ?? "") });
        }

        var (arns, documents) = (new List<string>(), new List<string>());
        await foreach (var attached in iam.ListAttachedRolePoliciesAllAsync(new ListAttachedRolePoliciesRequest { RoleName = name }, cancellationToken))
        {
            if (attached.PolicyArn is not { } arn)
            {
                continue;
            }

            if (IamPolicyReferences.DocumentOf(context, arn) is { } document)
            {
                documents.Add(document);
            }
            else
            {
                arns.Add(arn);
            }
        }

        var boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
        var boundaryDocument = boundary is null ? null : IamPolicyReferences.DocumentOf(context, boundary);
        var live = new RoleSpec
        {
            RoleName = name,
            Path = role.Path ?? "/",
            Description = string.IsNullOrEmpty(role.Description) ? null : role.Description,
            AssumeRolePolicy = PolicyJson.Read(role.AssumeRolePolicyDocument ?? ""),
            ManagedPolicyArns = arns,
            Policies = documents,
            InlinePolicies = inline,
            PermissionsBoundaryArn = boundaryDocument is null ? boundary : null,
            PermissionsBoundaryPolicy = boundaryDocument,
            MaxSessionDuration = role.MaxSessionDuration ?? 3600,
        };
        var arnOfRole = role.Arn ?? throw new InvalidOperationException($"{key}: GetRole returned no ARN for {name}.");
        return Observed(
            key,
            live,
            IamTags.From(role.Tags),
            new Dictionary<string, string> { ["id"] = name, ["arn"] = arnOfRole },
            new Dictionary<string, string> { ["roleName"] = name, ["roleArn"] = arnOfRole });
    }

    // The trust policy, description and session length go with the create; policies follow as in-place changes.
    protected override async Task<string> CreateNewAsync(ResourceKey key, RoleSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Iam.CreateRoleAsync(
                new CreateRoleRequest
                {
                    RoleName = NameOf(spec),
                    Path = spec.Path,
                    AssumeRolePolicyDocument = PolicyJson.Write(spec.AssumeRolePolicy),
                    Description = spec.Description,
                    MaxSessionDuration = spec.MaxSessionDuration,
                    Tags = IamTags.ToIam(tags),
                },
                cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<RoleSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (iam, name, desired) = (context.Aws.Iam, change.Id, change.Desired);
        // UpdateRole sets both; moto clears a description it is not sent, so an unmanaged one is sent back as it is.
        if (change.Changed("description") || change.Changed("maxSessionDuration"))
        {
            await iam.UpdateRoleAsync(
                new UpdateRoleRequest { RoleName = name, Description = desired.Description ?? change.Live.Description, MaxSessionDuration = desired.MaxSessionDuration },
                cancellationToken);
        }

        if (change.Changed("assumeRolePolicy"))
        {
            await iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = name, PolicyDocument = PolicyJson.Write(desired.AssumeRolePolicy) }, cancellationToken);
        }

        if (change.Changed("inlinePolicies"))
        {
            await ConvergeInlinePoliciesAsync(change, context, cancellationToken);
        }

        if (change.Changed("managedPolicyArns") || change.Changed("policies"))
        {
            await ConvergeAttachmentsAsync(name, desired, context, cancellationToken);
        }

        if (change.Changed("permissionsBoundaryArn") || change.Changed("permissionsBoundaryPolicy"))
        {
            var boundary = desired.PermissionsBoundaryArn
                ?? (await IamPolicyReferences.ArnsOfAsync(context, [desired.PermissionsBoundaryPolicy!], cancellationToken))[0];
            await iam.PutRolePermissionsBoundaryAsync(new PutRolePermissionsBoundaryRequest { RoleName = name, PermissionsBoundary = boundary }, cancellationToken);
        }
    }

    // Detached and deleted first: IAM refuses to delete a role that still has policies.
    // Instance profiles holding the role are documents that reference it, deleted (and emptied) before it.
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var (iam, name) = (context.Aws.Iam, identity["id"]);
        await IgnoringNotFoundAsync(async () =>
        {
            foreach (var arn in await ListAttachedArnsAsync(iam, name, cancellationToken))
            {
                await IgnoringNotFoundAsync(() => iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = name, PolicyArn = arn }, cancellationToken));
            }

            foreach (var policyName in await ListInlineNamesAsync(iam, name, cancellationToken))
            {
                await IgnoringNotFoundAsync(() => iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = name, PolicyName = policyName }, cancellationToken));
            }

            await iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = name }, cancellationToken);
        });
    }

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    // Puts the inline policies whose document differs, deletes those the document no longer lists.
    private static async Task ConvergeInlinePoliciesAsync(SpecChange<RoleSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (iam, name) = (context.Aws.Iam, change.Id);
        var live = change.Live.InlinePolicies.ToDictionary(p => p.Name, p => PolicyJson.Write(p.Document), StringComparer.Ordinal);
        foreach (var policy in change.Desired.InlinePolicies)
        {
            var text = PolicyJson.Write(policy.Document);
            if (live.GetValueOrDefault(policy.Name) != text)
            {
                await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = policy.Name, PolicyDocument = text }, cancellationToken);
            }
        }

        var desired = change.Desired.InlinePolicies.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in live.Keys.Where(n => !desired.Contains(n)))
        {
            await iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = name, PolicyName = extra }, cancellationToken);
        }
    }

    // Attaches what the document lists and detaches the rest, against a fresh list of the attachments.
    private static async Task ConvergeAttachmentsAsync(string name, RoleSpec desired, DriverContext context, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam;
        var wanted = desired.ManagedPolicyArns
            .Concat(await IamPolicyReferences.ArnsOfAsync(context, desired.Policies, cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var attached = (await ListAttachedArnsAsync(iam, name, cancellationToken)).ToHashSet(StringComparer.Ordinal);

        foreach (var arn in wanted.Where(a => !attached.Contains(a)).Order(StringComparer.Ordinal))
        {
            await iam.AttachRolePolicyAsync(new AttachRolePolicyRequest { RoleName = name, PolicyArn = arn }, cancellationToken);
        }

        foreach (var arn in attached.Where(a => !wanted.Contains(a)).Order(StringComparer.Ordinal))
        {
            await iam.DetachRolePolicyAsync(new DetachRolePolicyRequest { RoleName = name, PolicyArn = arn }, cancellationToken);
        }
    }

    private static async Task<List<string>> ListAttachedArnsAsync(IIamClient iam, string name, CancellationToken cancellationToken)
    {
        var arns = new List<string>();
        await foreach (var policy in iam.ListAttachedRolePoliciesAllAsync(new ListAttachedRolePoliciesRequest { RoleName = name }, cancellationToken))
        {
            if (policy.PolicyArn is { } arn)
            {
                arns.Add(arn);
            }
        }

        return arns;
    }

    private static async Task<List<string>> ListInlineNamesAsync(IIamClient iam, string name, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var policyName in iam.ListRolePoliciesAllAsync(new ListRolePoliciesRequest { RoleName = name }, cancellationToken))
        {
            names.Add(policyName);
        }

        return names;
    }
}
