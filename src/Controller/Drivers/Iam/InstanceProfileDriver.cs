using Reconciler.Aws;
using Reconciler.Aws.Clients.Iam;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using IamOperations = Reconciler.Aws.Clients.Iam.IamOperations;

namespace Reconciler.Controller.Drivers.Iam;

/// <summary>
/// Converges IAM instance profiles through the generated <see cref="IIamClient"/>.
/// <para>
/// Reads: one paginated ListInstanceProfiles (it carries each profile's roles); then GetInstanceProfile
/// per profile of the stack for its tags, which the list omits.
/// </para>
/// <para>
/// A profile holds one role: changing it removes the old role and adds the new one. A delete
/// removes the role first, as IAM requires.
/// </para>
/// </summary>
internal sealed class InstanceProfileDriver : NameAddressedDriver<InstanceProfileSpec, InstanceProfile>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. IamTags.Operations,
        .. StackTagIndex.Operations,
        IamOperations.AddRoleToInstanceProfile,
        IamOperations.CreateInstanceProfile,
        IamOperations.DeleteInstanceProfile,
        IamOperations.ListInstanceProfiles,
        IamOperations.RemoveRoleFromInstanceProfile,
    ];

    private const string RoleKind = "Role";

    protected override AwsService Service => AwsService.Iam;

    protected override ITagApi Tags => IamTags.InstanceProfile;

    protected override string NameOf(InstanceProfileSpec spec) => spec.InstanceProfileName!;

    protected override async Task<IReadOnlyDictionary<string, InstanceProfile>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, InstanceProfile>(StringComparer.Ordinal);
        await foreach (var profile in context.Aws.Iam.ListInstanceProfilesAllAsync(new ListInstanceProfilesRequest(), cancellationToken))
        {
            if (profile.InstanceProfileName is { } name && name.StartsWith(namePrefix, StringComparison.Ordinal))
            {
                profiles.TryAdd(name, profile);
            }
        }

        return profiles;
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, InstanceProfile listed, DriverContext context, CancellationToken cancellationToken)
    {
        var profile = (await context.Aws.Iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = listed.InstanceProfileName! }, cancellationToken)).InstanceProfile ?? listed;
        var name = profile.InstanceProfileName!;
        var arn = profile.Arn ?? throw new InvalidOperationException($"{key}: GetInstanceProfile returned no ARN for {name}.");
        var role = profile.Roles?.FirstOrDefault()?.RoleName;
        var live = new InstanceProfileSpec
        {
            InstanceProfileName = name,
            Path = profile.Path ?? "/",
            Role = role is null ? null : context.Identities.NameOf(RoleKind, role),
        };
        return Observed(
            key,
            live,
            IamTags.From(profile.Tags),
            new Dictionary<string, string> { ["id"] = name, ["arn"] = arn },
            new Dictionary<string, string> { ["instanceProfileName"] = name, ["instanceProfileArn"] = arn });
    }

    // The role follows as an in-place change.
    protected override async Task<string> CreateNewAsync(ResourceKey key, InstanceProfileSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Iam.CreateInstanceProfileAsync(
                new CreateInstanceProfileRequest { InstanceProfileName = NameOf(spec), Path = spec.Path, Tags = IamTags.ToIam(tags) },
                cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<InstanceProfileSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (!change.Changed("role"))
        {
            return;
        }

        var wanted = change.Desired.Role is { } role ? context.Identities.IdOf(RoleKind, role) : null;
        var held = await RolesOfAsync(change.Id, context, cancellationToken);
        foreach (var other in held.Where(r => r != wanted))
        {
            await RemoveRoleAsync(change.Id, other, context, cancellationToken);
        }

        if (wanted is not null && !held.Contains(wanted))
        {
            try
            {
                await context.Aws.Iam.AddRoleToInstanceProfileAsync(new AddRoleToInstanceProfileRequest { InstanceProfileName = change.Id, RoleName = wanted }, cancellationToken);
            }
            catch (Exception error) when (error is AwsServiceException { ErrorCode: "LimitExceeded" } or AwsWriteOutcomeUnknownException)
            {
                // A profile holds one role, so an add resent after its first answer was lost is
                // refused as over the limit: done if the role it holds is the wanted one.
                if (!(await RolesOfAsync(change.Id, context, cancellationToken)).Contains(wanted))
                {
                    throw;
                }
            }
        }
    }

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var name = identity["id"];
        await IgnoringNotFoundAsync(async () =>
        {
            foreach (var role in await RolesOfAsync(name, context, cancellationToken))
            {
                await RemoveRoleAsync(name, role, context, cancellationToken);
            }

            await context.Aws.Iam.DeleteInstanceProfileAsync(new DeleteInstanceProfileRequest { InstanceProfileName = name }, cancellationToken);
        });
    }

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private static async Task<List<string>> RolesOfAsync(string name, DriverContext context, CancellationToken cancellationToken) =>
        [.. ((await context.Aws.Iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = name }, cancellationToken)).InstanceProfile?.Roles ?? [])
            .Select(r => r.RoleName)
            .OfType<string>()];

    private Task RemoveRoleAsync(string name, string role, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = name, RoleName = role }, cancellationToken));
}
