import type { FastifySerializerCompiler } from "fastify";
import { ResponseSerializationError } from "fastify-type-provider-zod";
import { $ZodType, safeEncode, safeParse } from "zod/v4/core";

type ResponseSchema = $ZodType | { properties: $ZodType };

const checkAgainstEncode = process.env.NODE_ENV === "test";

/**
 * Every response is checked against its route's schema and reduced to the schema's fields before
 * `JSON.stringify`: a column a query selects by mistake never reaches the browser.
 * fastify-type-provider-zod's serializer does this with Zod's `encode`, which walks the schema twice
 * (a pass without checks, then the checks) and costs about twice a `parse`. Our response schemas have
 * no codecs or transforms, so `parse` gives the same value; under test (`NODE_ENV=test`) every response
 * is encoded as well and the two compared, so a response schema that gains a codec fails its module's
 * tests instead of sending the wrong direction's value.
 */
export const serializerCompiler: FastifySerializerCompiler<ResponseSchema> = ({ schema: given, method, url }) => {
  const schema = given instanceof $ZodType ? given : given.properties;
  if (!(schema instanceof $ZodType)) throw new Error(`${method} ${url}: a response schema must be a Zod schema`);
  return (data) => {
    const result = safeParse(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    const json = JSON.stringify(result.data);
    if (checkAgainstEncode) {
      const encoded = safeEncode(schema, data);
      const other = encoded.error ? `error: ${encoded.error.message}` : JSON.stringify(encoded.data);
      if (other !== json) throw new Error(`${method} ${url}: the response schema parses and encodes differently (a codec?)`);
    }
    return json;
  };
};
