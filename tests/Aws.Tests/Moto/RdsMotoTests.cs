using Reconciler.Aws.Clients.Rds;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class RdsMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateDBInstance_IsSeenByTheCliAndReadBack()
    {
        var rds = moto.Clients.CreateRds();
        var id = MotoFixture.Unique("db");

        var created = await rds.CreateDBInstanceAsync(new CreateDBInstanceMessage
        {
            DBInstanceIdentifier = id,
            DBInstanceClass = "db.t3.micro",
            Engine = "postgres",
            AllocatedStorage = 20,
            MasterUsername = "app",
            MasterUserPassword = "correct-horse-battery",
            StorageEncrypted = true,
            MultiAZ = true,
            BackupRetentionPeriod = 7,
            Tags = [new Tag { Key = "reconciler:stack", Value = "dev" }],
        });

        var read = Assert.Single((await rds.DescribeDBInstancesAsync(new DescribeDBInstancesMessage { DBInstanceIdentifier = id })).DBInstances!);
        var cli = (await moto.CliAsync("rds", "describe-db-instances", "--db-instance-identifier", id)).GetProperty("DBInstances")[0];
        var all = await rds.DescribeDBInstancesAllAsync(new DescribeDBInstancesMessage { MaxRecords = 20 }).Select(d => d.DBInstanceIdentifier).ToListAsync();

        Assert.Equal(id, created.DBInstance!.DBInstanceIdentifier);
        Assert.Equal(cli.GetProperty("DBInstanceArn").GetString(), read.DBInstanceArn);
        Assert.True(cli.GetProperty("StorageEncrypted").GetBoolean());
        Assert.True(read.MultiAZ);
        Assert.Equal(7, read.BackupRetentionPeriod);
        Assert.Equal("dev", Assert.Single(read.TagList!).Value);
        Assert.Contains(id, all);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeDBInstances_OfAMissingId_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateRds().DescribeDBInstancesAsync(new DescribeDBInstancesMessage { DBInstanceIdentifier = "no-such-db" }));

        Assert.Equal("DBInstanceNotFound", error.ErrorCode);
    }
}
