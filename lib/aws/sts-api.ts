/**
 * Who the credentials are: STS GetCallerIdentity (needs no IAM permission; fails only on missing or
 * invalid credentials, which the caller classifies).
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsClients } from "./clients";
import { AwsResponseShapeError, withApi } from "./errors";

export type CallerIdentity = { accountId: string; arn: string; userId: string };

export async function getCallerIdentity(clients: AwsClients): Promise<CallerIdentity> {
  let response;
  try {
    response = await clients.sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw withApi(error, "sts:GetCallerIdentity");
  }
  if (!response.Account || !response.Arn) {
    throw new AwsResponseShapeError("sts:GetCallerIdentity", "GetCallerIdentity returned no Account or Arn");
  }
  return { accountId: response.Account, arn: response.Arn, userId: response.UserId ?? "" };
}
