import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { TemplatesModule } from '@app/templates';
import { TemplatesController } from './templates.controller';

@Module({
  imports: [TemplatesModule, IdentityModule],
  controllers: [TemplatesController],
})
export class TemplatesApiModule {}
