using Reconciler.Model.Specs;

namespace Reconciler.Model.Tests.Kinds;

public sealed class RepositoryLifecyclePolicyTests
{
    [Fact]
    public void ToJson_BothRules_ExpiresUntaggedFirstThenKeepsTheNewest()
    {
        var json = RepositoryLifecyclePolicy.ToJson(new RepositoryLifecycleSpec { KeepLastImages = 10, ExpireUntaggedAfterDays = 7 });

        Assert.Equal(
            """{"rules":[{"rulePriority":1,"description":"Expire untagged images","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}},{"rulePriority":2,"description":"Keep the newest images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}""",
            json);
    }

    [Theory]
    [InlineData(10, 7)]
    [InlineData(null, 3)]
    [InlineData(25, null)]
    public void Parse_PolicyItWrote_GivesTheFieldsBack(int? keep, int? days)
    {
        var lifecycle = new RepositoryLifecycleSpec { KeepLastImages = keep, ExpireUntaggedAfterDays = days };

        Assert.Equal(lifecycle, RepositoryLifecyclePolicy.Parse(RepositoryLifecyclePolicy.ToJson(lifecycle)));
    }

    [Theory]
    [InlineData("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}""")]
    [InlineData("""{"rules":[]}""")]
    [InlineData("not json")]
    public void Parse_OtherPolicy_IsNotReadAsTheTypedForm(string json) =>
        Assert.Null(RepositoryLifecyclePolicy.Parse(json));
}
