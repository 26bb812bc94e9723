import "server-only";
import { cache } from "react";
import { getServiceDetail } from "@/lib/db/queries/services";

/** Per-request memoised service read (metadata and page share it). */
export const getServiceForRequest = cache((serviceId: string) => getServiceDetail(serviceId));
