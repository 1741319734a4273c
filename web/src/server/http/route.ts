import "server-only";
import { errorResponse } from "./responses";

/**
 * Wraps a route handler so that every thrown error, AppError or not, becomes the
 * standard error response with the right status, and nothing internal leaks.
 */
export function route<Context>(
  handler: (request: Request, context: Context) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
