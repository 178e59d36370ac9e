import type { OnApplicationShutdown } from '@nestjs/common';

/**
 * What a process opened beside the eventing database (which EventingModule closes), closed
 * once everything that might use it has stopped.
 */
export class OwnedResources implements OnApplicationShutdown {
  constructor(private readonly resources: readonly { close(): Promise<void> }[]) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.resources.map((resource) => resource.close()));
  }
}
