import { ApiProperty } from '@nestjs/swagger';

/** The one error shape of every route, for the OpenAPI description. */
export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['email must be an e-mail address', 'access is required'],
    description: 'what went wrong; validation errors list every offending field',
  })
  message!: string | string[];
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'stable, machine-readable' }) code!: string;
}
