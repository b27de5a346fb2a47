"""The crash test's checker: an independent client (boto3, like the aws CLI) lists what the
controller can create and prints one line per duplicate (two resources with one
reconciler:resource tag, two VPCs or subnets with one CIDR, two security groups with one name in
a VPC) or untagged leftover (a resource without the stack tag that the account did not start
with). Nothing printed: nothing wrong. Usage: inventory.py ENDPOINT"""
import collections
import sys

import boto3

session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")


def client(name):
    return session.client(name, endpoint_url=sys.argv[1])


def tags(pairs):
    return {t["Key"]: t["Value"] for t in pairs or []}


def ec2_items():
    ec2 = client("ec2")
    default_vpcs = {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if v.get("IsDefault")}
    for v in ec2.describe_vpcs()["Vpcs"]:
        if not v.get("IsDefault"):
            yield "Vpc", v["VpcId"], tags(v.get("Tags")), v["CidrBlock"]
    for s in ec2.describe_subnets()["Subnets"]:
        if s["VpcId"] not in default_vpcs:
            yield "Subnet", s["SubnetId"], tags(s.get("Tags")), s["CidrBlock"]
    for g in ec2.describe_security_groups()["SecurityGroups"]:
        if g["GroupName"] != "default":
            yield "SecurityGroup", g["GroupId"], tags(g.get("Tags")), g.get("VpcId", "") + "/" + g["GroupName"]
    for t in ec2.describe_route_tables()["RouteTables"]:
        if not any(a.get("Main") for a in t.get("Associations", [])):
            yield "RouteTable", t["RouteTableId"], tags(t.get("Tags")), None
    for i in ec2.describe_internet_gateways()["InternetGateways"]:
        if not any(a["VpcId"] in default_vpcs for a in i.get("Attachments", [])):
            yield "InternetGateway", i["InternetGatewayId"], tags(i.get("Tags")), None
    for a in ec2.describe_addresses()["Addresses"]:
        yield "ElasticIp", a["AllocationId"], tags(a.get("Tags")), None
    for n in ec2.describe_nat_gateways()["NatGateways"]:
        if n["State"] not in ("deleted", "deleting", "failed"):
            yield "NatGateway", n["NatGatewayId"], tags(n.get("Tags")), None
    for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]:
        if e["State"].lower() not in ("deleted", "deleting"):
            yield "VpcEndpoint", e["VpcEndpointId"], tags(e.get("Tags")), None
    for t in ec2.describe_launch_templates()["LaunchTemplates"]:
        yield "LaunchTemplate", t["LaunchTemplateId"], tags(t.get("Tags")), t["LaunchTemplateName"]


def elbv2_items():
    elbv2 = client("elbv2")
    arns = []
    for lb in elbv2.describe_load_balancers()["LoadBalancers"]:
        arns.append(("LoadBalancer", lb["LoadBalancerArn"], lb["LoadBalancerName"]))
        for listener in elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]:
            arns.append(("Listener", listener["ListenerArn"], None))
    for tg in elbv2.describe_target_groups()["TargetGroups"]:
        arns.append(("TargetGroup", tg["TargetGroupArn"], tg["TargetGroupName"]))
    for start in range(0, len(arns), 20):
        chunk = arns[start:start + 20]
        described = {d["ResourceArn"]: tags(d.get("Tags")) for d in elbv2.describe_tags(ResourceArns=[a for _, a, _ in chunk])["TagDescriptions"]}
        for kind, arn, identity in chunk:
            yield kind, arn, described.get(arn, {}), identity


def autoscaling_items():
    for g in client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]:
        yield "AutoScalingGroup", g["AutoScalingGroupName"], tags(g.get("Tags")), None


def iam_items():
    iam = client("iam")
    for r in iam.list_roles()["Roles"]:
        if not r["Path"].startswith("/aws-service-role/"):
            yield "Role", r["RoleName"], tags(iam.list_role_tags(RoleName=r["RoleName"])["Tags"]), None
    for p in iam.list_policies(Scope="Local")["Policies"]:
        yield "Policy", p["Arn"], tags(iam.list_policy_tags(PolicyArn=p["Arn"])["Tags"]), None
    for p in iam.list_instance_profiles()["InstanceProfiles"]:
        # moto does not implement ListInstanceProfileTags; GetInstanceProfile carries the tags.
        yield "InstanceProfile", p["InstanceProfileName"], tags(iam.get_instance_profile(InstanceProfileName=p["InstanceProfileName"])["InstanceProfile"].get("Tags", [])), None


def rds_items():
    rds = client("rds")
    for d in rds.describe_db_instances()["DBInstances"]:
        if d["DBInstanceStatus"] != "deleting":
            yield "DbInstance", d["DBInstanceIdentifier"], tags(d.get("TagList")), None
    for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]:
        yield "DbSubnetGroup", g["DBSubnetGroupName"], tags(rds.list_tags_for_resource(ResourceName=g["DBSubnetGroupArn"])["TagList"]), None
    for g in rds.describe_db_parameter_groups()["DBParameterGroups"]:
        if not g["DBParameterGroupName"].startswith("default."):
            yield "DbParameterGroup", g["DBParameterGroupName"], tags(rds.list_tags_for_resource(ResourceName=g["DBParameterGroupArn"])["TagList"]), None


def acm_items():
    acm = client("acm")
    for c in acm.list_certificates()["CertificateSummaryList"]:
        yield "Certificate", c["CertificateArn"], tags(acm.list_tags_for_certificate(CertificateArn=c["CertificateArn"]).get("Tags")), None


by_tag = collections.defaultdict(list)
by_identity = collections.defaultdict(list)
for source in (ec2_items, elbv2_items, autoscaling_items, iam_items, rds_items, acm_items):
    for kind, id, t, identity in source():
        if "reconciler:stack" not in t:
            print(f"untagged: {kind} {id}")
        if "reconciler:resource" in t:
            by_tag[(kind, t["reconciler:resource"])].append(id)
        if identity:
            by_identity[(kind, identity)].append(id)
for key, ids in list(by_tag.items()) + list(by_identity.items()):
    if len(ids) > 1:
        print(f"duplicate: {key[0]} {key[1]}: {', '.join(ids)}")
