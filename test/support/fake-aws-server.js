// A fake of the few AWS read APIs the AWS stacks call at plan time, on
// 127.0.0.1 only, for offline `terraform plan` tests (hashicorp/aws pointed
// at it with `endpoints { sts, iam, logs }`). Run as a child process: the
// jest worker blocks in execFileSync while terraform runs, so an in-process
// server could not answer.
//
// Config (JSON in FAKE_AWS_CONFIG):
//   callerArn: the ARN GetCallerIdentity returns
//   rolePaths: { <role name>: <path> } for GetRole (default path "/")
//   logGroups: names DescribeLogGroups knows
//   requestLog: a file each request is appended to (one JSON line)
// Prints the port on stdout once listening.
'use strict';
const fs = require('fs');
const http = require('http');

const config = JSON.parse(process.env.FAKE_AWS_CONFIG || '{}');
const account = /:(\d{12}):/.exec(config.callerArn || '')?.[1] ?? '123456789012';
const region = config.region || 'us-east-2';

function xml(res, body) {
  res.setHeader('content-type', 'text/xml');
  res.end(body);
}

function json(res, body, status = 200) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/x-amz-json-1.1');
  res.end(JSON.stringify(body));
}

function logGroup(name) {
  const arn = `arn:aws:logs:${region}:${account}:log-group:${name}`;
  return { logGroupName: name, arn: `${arn}:*`, logGroupArn: arn, creationTime: 1700000000000, storedBytes: 0 };
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const target = req.headers['x-amz-target'] || '';
    if (config.requestLog) fs.appendFileSync(config.requestLog, JSON.stringify({ target, body }) + '\n');
    if (target.startsWith('Logs_20140328.')) {
      const op = target.split('.')[1];
      const input = body ? JSON.parse(body) : {};
      if (op === 'DescribeLogGroups') {
        const prefix = input.logGroupNamePrefix || '';
        return json(res, { logGroups: (config.logGroups || []).filter((n) => n.startsWith(prefix)).map(logGroup) });
      }
      if (op === 'ListTagsForResource' || op === 'ListTagsLogGroup') return json(res, { tags: {} });
      return json(res, { __type: 'InvalidOperationException', message: `fake-aws: ${op} not faked` }, 400);
    }
    const params = new URLSearchParams(body);
    const action = params.get('Action');
    if (action === 'GetCallerIdentity') {
      return xml(
        res,
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${config.callerArn}</Arn><UserId>AIDAFAKE:session</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    }
    if (action === 'GetRole') {
      const name = params.get('RoleName');
      const path = (config.rolePaths || {})[name] || '/';
      return xml(
        res,
        `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>${path}</Path><RoleName>${name}</RoleName><RoleId>AROAFAKE${name.length}</RoleId><Arn>arn:aws:iam::${account}:role${path}${name}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument></Role></GetRoleResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetRoleResponse>`,
      );
    }
    res.statusCode = 400;
    xml(res, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>fake-aws: ${action} not faked</Message></Error></ErrorResponse>`);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
