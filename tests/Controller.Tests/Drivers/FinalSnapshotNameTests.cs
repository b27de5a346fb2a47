using Reconciler.Controller.Drivers.Rds;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class FinalSnapshotNameTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 4, 5, TimeSpan.FromHours(1));

    [Fact]
    public void For_StackNameAndTime_IsStackNameFinalAndTheUtcTime() =>
        Assert.Equal("ml-platform-prod-main-final-20261126-140405", FinalSnapshotName.For("ml-platform-prod", "main", Now));

    [Fact]
    public void For_CharactersRdsRefuses_AreSingleHyphensAndLowerCase() =>
        Assert.Equal("ml-platform-prod-db-main-final-20261126-140405", FinalSnapshotName.For("ML_Platform--Prod", "db.main", Now));

    [Fact]
    public void For_NameStartingWithADigit_StartsWithALetter() =>
        Assert.Equal("db-1stack-main-final-20261126-140405", FinalSnapshotName.For("1stack", "main", Now));

    [Fact]
    public void For_VeryLongNames_IsCutTo255CharactersWithoutATrailingHyphen()
    {
        var name = FinalSnapshotName.For(new string('a', 200), new string('b', 100), Now);

        Assert.Equal(255, name.Length);
        Assert.EndsWith("b-final-20261126-140405", name, StringComparison.Ordinal);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
    }
}
